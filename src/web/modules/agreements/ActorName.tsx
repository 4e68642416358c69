import { Text, Tooltip } from '@mantine/core';

/**
 * Who did something, named as the API names them (title and full name, or a display name); the e-mail, when
 * the reader may see it, on hover or focus.
 */
export function ActorName({ name, email }: { name: string; email: string | null }) {
  if (!email) return <>{name}</>;
  return (
    <Tooltip label={email} events={{ hover: true, focus: true, touch: true }} withArrow>
      <Text span inherit tabIndex={0} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
        {name}
      </Text>
    </Tooltip>
  );
}
