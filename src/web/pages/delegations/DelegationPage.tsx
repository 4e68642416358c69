import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime, localText } from '../../lib/format.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { DelegationStatusBadge, DirectionBadge } from '../../modules/delegations/badges.tsx';
import { type Delegation, documentUrl, type Programme, useDelegation, useDelegationAction, useGuests } from '../../modules/delegations/queries.ts';
import { DetailList } from '../../ui/DetailList.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';

/** One delegation: details, programme, guests (the handling office), approval, documents, report. */
export function DelegationPage() {
  const { id = '' } = useParams();
  const query = useDelegation(id);
  if (!query.data) return <QueryFallback query={query} />;
  return <DelegationView d={query.data} />;
}

function DelegationView({ d }: { d: Delegation }) {
  const { t } = useTranslation();
  const action = useDelegationAction(d.id);
  const run = (name: 'submit' | 'decision' | 'cancel' | 'report' | 'programme', body: Record<string, unknown>, done: string) =>
    action.mutate({ action: name, body: { version: d.version, ...body } }, { onSuccess: () => notifySuccess(t(done)), onError: notifyError });
  return (
    <>
      <PageHeader
        title={localText(d.titleVi, d.titleEn)}
        description={
          <Group gap="xs">
            <DirectionBadge direction={d.direction} />
            <DelegationStatusBadge status={d.status} />
            <Anchor component={Link} to={`/agreements/${d.agreementId}`}>
              {d.agreementTitle}
            </Anchor>
          </Group>
        }
        actions={
          <Group gap="xs">
            {d.permissions.submit && (
              <Button onClick={() => run('submit', {}, 'delegations.done.submitted')} loading={action.isPending}>
                {t('delegations.actions.submit')}
              </Button>
            )}
            {d.permissions.cancel && <CancelButton onCancel={(reason) => run('cancel', { reason }, 'delegations.done.cancelled')} />}
          </Group>
        }
      />
      <Stack>
        <Card withBorder>
          <DetailList
            items={[
              { label: t('delegations.fields.institution'), value: d.institutionName },
              { label: t('delegations.fields.partner'), value: d.partnerName },
              { label: t('delegations.fields.dates'), value: `${formatDate(d.startDate)} – ${formatDate(d.endDate)}` },
              { label: t('delegations.fields.purpose'), value: localText(d.purposeVi, d.purposeEn) },
              { label: t('delegations.fields.budgetSource'), value: `${t(`delegations.budget.${d.budgetSource}`)}${d.budgetNote ? ` — ${d.budgetNote}` : ''}` },
              { label: t('delegations.fields.lodging'), value: d.lodging || '—' },
              { label: t('delegations.fields.members'), value: d.members.length ? d.members.map((m) => `${m.name}${m.role ? ` (${m.role})` : ''}`).join(', ') : '—' },
              { label: t('delegations.fields.guestCount'), value: d.guestsErased ? t('delegations.guests.erasedCount', { count: d.guestCount }) : String(d.guestCount) },
              { label: t('delegations.fields.approvers'), value: d.approvers.length ? d.approvers.map((a) => a.name).join(', ') : t('delegations.approvers.leadership') },
              { label: t('delegations.fields.createdBy'), value: d.createdBy },
            ]}
          />
        </Card>
        {d.decision && (
          <Alert color={d.decision.decision === 'approve' ? 'teal' : 'red'} title={t(`delegations.decision.${d.decision.decision}`)}>
            {d.decision.by} · {formatDateTime(d.decision.at)}
            {d.decision.comment ? ` — ${d.decision.comment}` : ''}
          </Alert>
        )}
        {d.cancelReason && <Alert color="gray" title={t('delegations.status.cancelled')}>{d.cancelReason}</Alert>}
        {d.permissions.decide && <DecisionCard onDecide={(decision, comment) => run('decision', { decision, comment }, `delegations.done.${decision}`)} />}
        <ProgrammeCard d={d} onSave={(programme) => run('programme', { programme }, 'delegations.done.programme')} />
        {d.permissions.readGuests && d.direction === 'incoming' && <GuestsCard d={d} />}
        {d.permissions.report && <ReportCard onReport={(outcomes) => run('report', { outcomes }, 'delegations.done.reported')} />}
        {d.outcomes && (
          <Card withBorder>
            <Title order={3}>{t('delegations.report.title')}</Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{d.outcomes}</Text>
            {d.activityId && (
              <Anchor component={Link} to={`/agreements/${d.agreementId}?activity=${d.activityId}`}>
                {t('delegations.report.activity')}
              </Anchor>
            )}
          </Card>
        )}
      </Stack>
    </>
  );
}

function CancelButton({ onCancel }: { onCancel: (reason: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('delegations.actions.cancel')}
      </Button>
    );
  }
  return (
    <Group gap="xs">
      <TextInput aria-label={t('delegations.fields.cancelReason')} placeholder={t('delegations.fields.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button color="red" disabled={!reason.trim()} onClick={() => onCancel(reason)}>
        {t('delegations.actions.confirmCancel')}
      </Button>
    </Group>
  );
}

function DecisionCard({ onDecide }: { onDecide: (decision: 'approve' | 'reject', comment: string) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3}>{t('delegations.decision.title')}</Title>
        <Textarea label={t('delegations.fields.comment')} description={t('delegations.decision.commentHint')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <Group>
          <Button color="teal" onClick={() => onDecide('approve', comment)}>
            {t('delegations.actions.approve')}
          </Button>
          <Button color="red" variant="light" onClick={() => onDecide('reject', comment)}>
            {t('delegations.actions.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ProgrammeCard({ d, onSave }: { d: Delegation; onSave: (programme: Programme) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Programme>(d.programme);
  const editable = d.permissions.editProgramme;
  const set = (i: number, key: 'date' | 'time' | 'what' | 'where', value: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3}>{t('delegations.programme.title')}</Title>
        {rows.length === 0 && <Text c="dimmed">{t('delegations.programme.empty')}</Text>}
        {rows.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('delegations.programme.date')}</Table.Th>
                <Table.Th>{t('delegations.programme.time')}</Table.Th>
                <Table.Th>{t('delegations.programme.what')}</Table.Th>
                <Table.Th>{t('delegations.programme.where')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: programme items have no id; rows are only added at the end
                <Table.Tr key={i}>
                  {(['date', 'time', 'what', 'where'] as const).map((key) => (
                    <Table.Td key={key}>
                      {editable ? (
                        <TextInput aria-label={t(`delegations.programme.${key}`)} value={r[key] ?? ''} onChange={(e) => set(i, key, e.currentTarget.value)} />
                      ) : key === 'date' ? (
                        formatDate(r.date)
                      ) : (
                        (r[key] ?? '')
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editable && (
          <Group>
            <Button variant="default" onClick={() => setRows([...rows, { date: d.startDate, time: '', what: '', where: '' }])}>
              {t('delegations.programme.add')}
            </Button>
            <Button onClick={() => onSave(rows)}>{t('delegations.programme.save')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function GuestsCard({ d }: { d: Delegation }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const guests = useGuests(d.id, open);
  const documents = d.status === 'approved' || d.status === 'done';
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3}>{t('delegations.guests.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('delegations.guests.notice')}
        </Text>
        {d.guestsErased ? (
          <Text>{t('delegations.guests.erased')}</Text>
        ) : (
          <Group>
            {!open && (
              <Button variant="light" onClick={() => setOpen(true)}>
                {t('delegations.guests.show')}
              </Button>
            )}
            {documents && (
              <>
                <Button component="a" href={documentUrl(d.id, 'invitation-letter')} variant="default">
                  {t('delegations.documents.invitation')}
                </Button>
                <Button component="a" href={documentUrl(d.id, 'residence-notice')} variant="default">
                  {t('delegations.documents.residence')}
                </Button>
              </>
            )}
          </Group>
        )}
        {open && guests.data && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('delegations.guests.fullName')}</Table.Th>
                <Table.Th>{t('delegations.guests.gender')}</Table.Th>
                <Table.Th>{t('delegations.guests.dateOfBirth')}</Table.Th>
                <Table.Th>{t('delegations.guests.nationality')}</Table.Th>
                <Table.Th>{t('delegations.guests.passportNumber')}</Table.Th>
                <Table.Th>{t('delegations.guests.passportExpiry')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {guests.data.items.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    {g.fullName}
                    {g.title ? ` — ${g.title}` : ''}
                  </Table.Td>
                  <Table.Td>{t(`delegations.gender.${g.gender}`)}</Table.Td>
                  <Table.Td>{formatDate(g.dateOfBirth)}</Table.Td>
                  <Table.Td>{g.nationality}</Table.Td>
                  <Table.Td>{g.passportNumber}</Table.Td>
                  <Table.Td>{formatDate(g.passportExpiry)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

function ReportCard({ onReport }: { onReport: (outcomes: string) => void }) {
  const { t } = useTranslation();
  const [outcomes, setOutcomes] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3}>{t('delegations.report.title')}</Title>
        <Textarea label={t('delegations.fields.outcomes')} description={t('delegations.report.hint')} minRows={4} value={outcomes} onChange={(e) => setOutcomes(e.currentTarget.value)} />
        <Group>
          <Button disabled={!outcomes.trim()} onClick={() => onReport(outcomes)}>
            {t('delegations.actions.report')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
