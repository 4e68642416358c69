import { ActionIcon, Box, Button, Card, Center, Collapse, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from './QueryError.tsx';

// The one table of the app: filters above (a <FilterBar>), rows, optional expandable details per row, an empty state,
// and "load more" for keyset-paginated lists (see useKeysetList). At phone width each row becomes a
// card: the first column as its title, the others as labelled lines.
export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
}

export interface DataTableProps<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty: ReactNode;
  /** A <FilterBar>. */
  filters?: ReactNode;
  renderDetails?: (row: T) => ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  minWidth?: number;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<string | null>(null);
  const { columns, rows, renderDetails } = props;
  const columnCount = columns.length + (renderDetails ? 1 : 0);
  const phone = useMediaQuery('(max-width: 48em)');

  const detailsToggle = (key: string) => {
    const open = expanded === key;
    return (
      <ActionIcon
        variant="subtle"
        aria-expanded={open}
        aria-label={open ? t('common.hideDetails') : t('common.showDetails')}
        onClick={() => setExpanded(open ? null : key)}
      >
        {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
      </ActionIcon>
    );
  };

  const cards = () => (
    <Stack gap="sm" role="list" aria-label={props.label}>
      {rows.map((row) => {
        const key = props.rowKey(row);
        const [first, ...rest] = columns;
        return (
          <Card key={key} withBorder padding="sm" role="listitem">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Box style={{ minWidth: 0 }}>{first.render(row)}</Box>
              {renderDetails && detailsToggle(key)}
            </Group>
            <Stack gap={6} mt="xs">
              {rest.map((column) => (
                <Group key={column.key} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }}>
                    {column.header}
                  </Text>
                  <Box style={{ minWidth: 0 }} fz="sm">
                    {column.render(row)}
                  </Box>
                </Group>
              ))}
            </Stack>
            {renderDetails && (
              <Collapse expanded={expanded === key}>
                <Box mt="sm">{expanded === key && renderDetails(row)}</Box>
              </Collapse>
            )}
          </Card>
        );
      })}
    </Stack>
  );

  const body = () => {
    if (props.error && rows.length === 0) return <QueryError error={props.error} onRetry={props.onRetry} />;
    if (props.loading) {
      return (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      );
    }
    if (rows.length === 0) return props.empty;
    if (phone) return cards();
    return (
      <Table.ScrollContainer minWidth={props.minWidth ?? 640}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label={props.label}>
          <Table.Thead>
            <Table.Tr>
              {renderDetails && (
                <Table.Th w={40}>
                  <VisuallyHidden>{t('common.details')}</VisuallyHidden>
                </Table.Th>
              )}
              {columns.map((column) => (
                <Table.Th key={column.key}>{column.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const key = props.rowKey(row);
              const open = expanded === key;
              return (
                <Fragment key={key}>
                  <Table.Tr>
                    {renderDetails && <Table.Td>{detailsToggle(key)}</Table.Td>}
                    {columns.map((column) => (
                      <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                    ))}
                  </Table.Tr>
                  {renderDetails && open && (
                    <Table.Tr>
                      <Table.Td colSpan={columnCount}>{renderDetails(row)}</Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  };

  return (
    <Stack gap="md">
      {props.filters}
      {body()}
      {props.error && rows.length > 0 ? <QueryError error={props.error} onRetry={props.onRetry} /> : null}
      {props.hasMore && (
        <Center>
          <Button variant="light" loading={props.loadingMore} onClick={props.onLoadMore}>
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
