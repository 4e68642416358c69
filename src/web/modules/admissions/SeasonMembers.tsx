import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, currentRecordOf } from '../../lib/api.ts';
import { localName } from '../../lib/format.ts';
import { problemText } from '../../lib/form-errors.ts';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { VersionConflictAlert } from '../../ui/VersionConflictAlert.tsx';
import { useConsortia } from '../directory/queries.ts';
import { type Season, useSetSeasonMembers } from './queries.ts';
import { chosenMembers, type Institution, leavingMembers, memberChoices, membersLock } from './season-members.ts';

const label = (i: Institution) => `${i.code} · ${localName(i)}`;

/**
 * A consortium season: the institutions whose programs it matches, the coordinator first, and the coordinator's
 * editor of them. `hasRuns` is undefined until the season's runs are known (the editor waits for it).
 */
export function SeasonMembers({ season, hasRuns }: { season: Season; hasRuns: boolean | undefined }) {
  const { t } = useTranslation();
  const [editing, editor] = useDisclosure(false);
  const members = [...season.members].sort((a, b) => Number(b.coordinator) - Number(a.coordinator));
  const coordinator = members.find((m) => m.coordinator);
  const lock = membersLock(season, hasRuns ?? false);
  const lockId = `season-members-lock-${season.id}`;
  return (
    <Paper withBorder p="sm" mb="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" fw={500}>
            {t('admissions.season.members')}
          </Text>
          {members.map((m) => (
            <Badge key={m.institutionId} variant={m.coordinator ? 'filled' : 'light'} tt="none" style={{ minWidth: 'max-content' }}>
              {m.coordinator ? t('admissions.season.coordinator', { name: localName(m) }) : localName(m)}
            </Badge>
          ))}
        </Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconUsersGroup size={14} />}
          disabled={lock !== null || hasRuns === undefined}
          aria-describedby={lock ? lockId : undefined}
          onClick={editor.open}
          style={{ flexShrink: 0 }}
        >
          {t('admissions.members.edit')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('admissions.season.membersNote')}
      </Text>
      {lock && (
        <Text size="xs" c="dimmed" mt={4} id={lockId}>
          {t(`admissions.members.lock.${lock}`, { name: coordinator ? localName(coordinator) : '' })}
        </Text>
      )}
      <Modal opened={editing} onClose={editor.close} title={t('admissions.members.title')} size="lg">
        {editing && <MembersForm season={season} onDone={editor.close} />}
      </Modal>
    </Paper>
  );
}

/**
 * Chooses the members among the consortium's institutions and saves them with the version the editor was opened on:
 * a 409 version_conflict names the members saved meanwhile and offers to save this choice over them or to take them.
 */
function MembersForm({ season, onDone }: { season: Season; onDone: () => void }) {
  const { t } = useTranslation();
  const consortia = useConsortia();
  const save = useSetSeasonMembers(season.id);
  const [base, setBase] = useState(season);
  const [chosen, setChosen] = useState(() => chosenMembers(season));
  const [conflict, setConflict] = useState<Season | null>(null);
  if (!consortia.isSuccess) return <QueryFallback query={consortia} />;
  const consortium = consortia.data.find((c) => c.id === season.consortiumId);
  const choices = memberChoices(
    base,
    (consortium?.members ?? []).map((m) => ({ institutionId: m.id, code: m.code, nameVi: m.nameVi, nameEn: m.nameEn })),
  );
  const coordinator = base.members.find((m) => m.coordinator);
  const leaving = leavingMembers(base, chosen);
  const adopt = (current: Season, takeTheirs: boolean) => {
    setBase(current);
    if (takeTheirs) setChosen(chosenMembers(current));
    setConflict(null);
    save.reset();
  };
  const submit = () => {
    const institutionIds = [...chosen].sort();
    if (JSON.stringify(institutionIds) === JSON.stringify(chosenMembers(base))) return onDone();
    save.mutate(
      { institutionIds, version: base.version },
      {
        onSuccess: onDone,
        onError: (failure) => {
          const current = currentRecordOf(failure);
          if (current) setConflict(current as unknown as Season);
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      {conflict ? (
        <VersionConflictAlert
          description={t('admissions.members.conflict', {
            version: conflict.version,
            names: conflict.members.map(label).join(', '),
          })}
          onKeepMine={() => adopt(conflict, false)}
          onTakeCurrent={() => adopt(conflict, true)}
        />
      ) : (
        save.error && (
          <Alert color="red" variant="light" role="alert">
            {errorText(save.error, chosen, choices)}
          </Alert>
        )
      )}
      <Text size="sm">{t('admissions.members.hint', { consortium: consortium ? localName(consortium) : '' })}</Text>
      {coordinator && <Checkbox checked disabled label={t('admissions.season.coordinator', { name: label(coordinator) })} readOnly />}
      <Checkbox.Group value={chosen} onChange={setChosen} aria-label={t('admissions.members.title')}>
        <Stack gap="xs">
          {choices.map((i) => (
            <Checkbox key={i.institutionId} value={i.institutionId} label={label(i)} />
          ))}
        </Stack>
      </Checkbox.Group>
      {leaving.length > 0 && (
        <Alert color="yellow" variant="light">
          {t('admissions.members.leaving', { names: leaving.map(label).join(', ') })}
        </Alert>
      )}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={save.isPending} disabled={conflict !== null} onClick={submit}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The server's (localized) message; a refused institution (`institutionIds.N`) is named before its problem. */
function errorText(error: Error, sent: string[], choices: Institution[]) {
  if (!(error instanceof ApiError) || error.fieldProblems.length === 0) return error.message;
  const sorted = [...sent].sort();
  return error.fieldProblems
    .map((problem) => {
      const index = /^institutionIds\.(\d+)$/.exec(problem.field)?.[1];
      const institution = index === undefined ? undefined : choices.find((c) => c.institutionId === sorted[Number(index)]);
      return institution ? `${label(institution)}: ${problemText(problem)}` : problem.message;
    })
    .join(' ');
}
