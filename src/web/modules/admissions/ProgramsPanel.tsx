import { ActionIcon, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, localName } from '../../lib/format.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { ProgramForm } from './ProgramForm.tsx';
import { type Program, type Season, useDeleteProgram, usePrograms } from './queries.ts';

export const score = (n: number) => formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Each method as "code: subject × weight + …", with its floor. */
function methodsText(program: Program, t: TFunction) {
  return program.methods
    .map((m) => {
      const parts = m.components.map((c) => `${c.subject} × ${formatNumber(c.weight)}`).join(' + ');
      return m.floor === null || m.floor === undefined
        ? `${m.methodId}: ${parts}`
        : `${m.methodId}: ${parts} (${t('admissions.programs.floorShort', { floor: score(m.floor) })})`;
    })
    .join('; ');
}

/** A member institution of the season by its code and name. */
export function ownerName(season: Season, institutionId: string) {
  const m = season.members.find((x) => x.institutionId === institutionId);
  return m ? `${m.code} · ${localName(m)}` : '—';
}

export function ProgramsPanel({ season }: { season: Season }) {
  const { t } = useTranslation();
  const query = usePrograms(season.id);
  const remove = useDeleteProgram();
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Program | null>(null);
  const [deleting, setDeleting] = useState<Program | null>(null);
  const open = season.status !== 'published';
  const add =
    open && season.permissions.addPrograms ? (
      <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
        {t('admissions.programs.create')}
      </Button>
    ) : undefined;
  return (
    <Stack gap="sm">
      {add && query.data && query.data.items.length > 0 && <Group justify="flex-end">{add}</Group>}
      <DataTable
        label={t('admissions.tabs.programs')}
        {...wholeList({ ...query, data: query.data?.items })}
        rowKey={(p) => p.id}
        minWidth={900}
        empty={
          <EmptyHint title={t('admissions.programs.emptyTitle')} description={t('admissions.programs.emptyDescription')} action={add} />
        }
        columns={[
          { key: 'code', header: t('admissions.fields.code'), render: (p) => p.code },
          // A consortium season matches several institutions' programs: whose each is.
          ...(season.consortiumId
            ? [{ key: 'owner', header: t('admissions.fields.owner'), render: (p: Program) => ownerName(season, p.institutionId) }]
            : []),
          { key: 'name', header: t('admissions.fields.program'), render: (p) => localName(p) },
          { key: 'quota', header: t('admissions.fields.quota'), render: (p) => formatNumber(p.quota) },
          { key: 'methods', header: t('admissions.fields.methods'), render: (p) => <Text size="sm">{methodsText(p, t)}</Text> },
          { key: 'floor', header: t('admissions.fields.floor'), render: (p) => (p.floor === null ? '—' : score(p.floor)) },
          {
            key: 'ties',
            header: t('admissions.fields.ties'),
            render: (p) =>
              `${p.tieBreak.map((c) => t(`admissions.tieCriterion.${c}`)).join(' › ') || '—'} · ${t(`admissions.tiePolicy.${p.tiePolicy}`)}`,
          },
          ...(open && query.data?.items.some((p) => p.permissions.edit)
            ? [
                {
                  key: 'actions',
                  header: t('common.actions'),
                  render: (p: Program) =>
                    p.permissions.edit && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('admissions.programs.edit', { code: p.code })}
                          onClick={() => setEditing(p)}
                        >
                          <IconEdit size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('admissions.programs.delete', { code: p.code })}
                          onClick={() => setDeleting(p)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal opened={creating} onClose={createModal.close} title={t('admissions.programs.createTitle')} size="xl">
        {creating && <ProgramForm seasonId={season.id} onDone={createModal.close} />}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('admissions.programs.editTitle')} size="xl">
        {editing && <ProgramForm seasonId={season.id} program={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('admissions.programs.deleteTitle')}>
        <Stack>
          <Text size="sm">{t('admissions.programs.deleteText', { code: deleting?.code ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null), onError: notifyError })}
            >
              {t('admissions.programs.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
