import { ActionIcon, Badge, Box, Group, Switch, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconChevronDown, IconChevronRight, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../contracts/directory.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { formatNumber, localName } from '../../lib/format.ts';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { useUpdateUnit } from './queries.ts';
import { buildUnitTree, type UnitNode } from './unit-tree.ts';

type UnitAction = { kind: 'add'; parentId: string | null } | { kind: 'edit'; unit: Unit };

/** An institution's units as a collapsible tree, with add / edit / archive for those allowed. */
export function UnitTree({ units, editable, onAction }: { units: Unit[]; editable: boolean; onAction: (action: UnitAction) => void }) {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const visible = showArchived ? units : units.filter((unit) => !unit.archived);
  const tree = buildUnitTree(visible, (a, b) => localName(a).localeCompare(localName(b)));
  const hasArchived = units.some((unit) => unit.archived);
  return (
    <Box>
      {hasArchived && (
        <Switch
          mb="sm"
          label={t('units.showArchived')}
          checked={showArchived}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
        />
      )}
      {tree.length === 0 ? (
        <EmptyHint title={t('units.emptyTitle')} description={editable ? t('units.emptyEditable') : t('units.emptyReadOnly')} />
      ) : (
        <Box component="ul" role="tree" aria-label={t('units.title')} p={0} m={0} style={{ listStyle: 'none' }}>
          {tree.map((node) => (
            <UnitBranch key={node.unit.id} node={node} depth={0} editable={editable} onAction={onAction} />
          ))}
        </Box>
      )}
    </Box>
  );
}

export type { UnitAction };

function UnitBranch({
  node,
  depth,
  editable,
  onAction,
}: {
  node: UnitNode;
  depth: number;
  editable: boolean;
  onAction: (action: UnitAction) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(depth < 1);
  const { unit } = node;
  const hasChildren = node.children.length > 0;
  const name = localName(unit);
  return (
    <Box component="li" role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-label={name}>
      <Group gap="xs" wrap="nowrap" py={6} pl={depth * 24} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={open ? t('units.collapse', { name }) : t('units.expand', { name })}
            onClick={() => setOpen(!open)}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fw={depth === 0 ? 600 : 400} c={unit.archived ? 'dimmed' : undefined}>
            {name}
          </Text>
          <Group gap={6}>
            <Badge size="xs" variant="light">
              {t(`unitKinds.${unit.kind}`)}
            </Badge>
            {unit.archived && (
              <Badge size="xs" color="gray">
                {t('common.archived')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t('units.peopleCount', { formatted: formatNumber(unit.peopleCount) })}
            </Text>
          </Group>
        </Box>
        {editable && <UnitActions unit={unit} onAction={onAction} />}
      </Group>
      {hasChildren && open && (
        <Box component="ul" role="group" p={0} m={0} style={{ listStyle: 'none' }}>
          {node.children.map((child) => (
            <UnitBranch key={child.unit.id} node={child} depth={depth + 1} editable={editable} onAction={onAction} />
          ))}
        </Box>
      )}
    </Box>
  );
}

function UnitActions({ unit, onAction }: { unit: Unit; onAction: (action: UnitAction) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUnit();
  const name = localName(unit);
  const toggleArchived = () =>
    update.mutate({ id: unit.id, body: { archived: !unit.archived, version: unit.version } }, { onError: notifyError });
  return (
    <Group gap={4} wrap="nowrap">
      {!unit.archived && (
        <Tooltip label={t('units.addChild')}>
          <ActionIcon
            variant="subtle"
            aria-label={t('units.addChildOf', { name })}
            onClick={() => onAction({ kind: 'add', parentId: unit.id })}
          >
            <IconPlus size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      <Tooltip label={t('common.edit')}>
        <ActionIcon variant="subtle" aria-label={t('units.editNamed', { name })} onClick={() => onAction({ kind: 'edit', unit })}>
          <IconPencil size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={unit.archived ? t('common.restore') : t('common.archive')}>
        <ActionIcon
          variant="subtle"
          color={unit.archived ? 'teal' : 'red'}
          loading={update.isPending}
          aria-label={unit.archived ? t('units.restoreNamed', { name }) : t('units.archiveNamed', { name })}
          onClick={toggleArchived}
        >
          {unit.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
