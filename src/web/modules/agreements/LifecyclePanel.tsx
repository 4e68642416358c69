import { Button, Card, Group, List, Modal, Stack, Stepper, Text, Textarea, ThemeIcon } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconCheck, IconClock, IconMinus, IconPencil, IconRefresh, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Agreement, AgreementStatus } from '../../../contracts/agreements.ts';
import { allowedTransitions, EDITABLE } from '../../../engines/agreements/lifecycle.ts';
import { ApiError } from '../../lib/api.ts';
import { inputMessage, notifyError, notifySuccess, problemText, typedDateProblem } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { useSignedInMe } from '../session/session.ts';
import { lifecycleSteps } from './lifecycle-steps.ts';
import { useRenew, useTimeline, useTransition } from './queries.ts';

// Where the agreement is in its life (lifecycle-steps.ts: no "expiring" step when it is open-ended, skipped steps
// not shown as done), what it still needs to come into force, and the moves its parties' officers may make from
// here (the server's state machine decides; its refusal is shown).
const FINAL: AgreementStatus[] = ['expired', 'terminated', 'renewed'];

export function LifecyclePanel({ agreement, today }: { agreement: Agreement; today: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)');
  const transition = useTransition(agreement.id);
  const [terminating, terminateModal] = useDisclosure(false);
  const [renewing, renewModal] = useDisclosure(false);
  const status = agreement.status;
  const final = FINAL.includes(status);
  const moves = agreement.permissions.transition ? allowedTransitions(status) : [];
  const mayRenew = agreement.permissions.transition && ['active', 'expiring', 'expired'].includes(status) && !agreement.successorId;
  const timeline = useTimeline(agreement.id);
  const steps = lifecycleSteps(status, agreement.content.endDate, timeline.data);
  const active = final ? steps.length : steps.findIndex((step) => step.state === 'current');
  const stepLabel = (key: (typeof steps)[number]['key']) =>
    key === 'end' ? (final ? t(`statuses.${status}`) : t('agreements.lifecycle.end')) : t(`statuses.${key}`);

  const move = (to: AgreementStatus) =>
    transition.mutate({ to }, { onSuccess: () => notifySuccess(t('agreements.lifecycle.moved', { status: t(`statuses.${to}`) })), onError: notifyError });

  return (
    <Card withBorder padding="lg" component="section" aria-label={t('agreements.lifecycle.title')}>
      <Stack gap="md">
        <Stepper
          active={active}
          size="xs"
          orientation="horizontal"
          color={status === 'terminated' ? 'red' : 'teal'}
          aria-label={t('agreements.lifecycle.title')}
          styles={{ separator: { marginInline: 6, minWidth: 12 }, stepLabel: { whiteSpace: 'nowrap' } }}
        >
          {steps.map((step) => {
            const skipped = step.state === 'skipped';
            const terminatedEnd = step.key === 'end' && status === 'terminated';
            return (
              <Stepper.Step
                key={step.key}
                label={phone ? undefined : stepLabel(step.key)}
                description={skipped && !phone ? t('agreements.lifecycle.skipped') : undefined}
                aria-label={skipped ? t('agreements.lifecycle.skippedStep', { status: stepLabel(step.key) }) : stepLabel(step.key)}
                color={skipped ? 'gray' : terminatedEnd ? 'red' : undefined}
                completedIcon={skipped ? <IconMinus size={14} /> : terminatedEnd ? <IconX size={14} /> : undefined}
                aria-current={step.state === 'current' || (step.key === 'end' && final) ? 'step' : undefined}
              />
            );
          })}
        </Stepper>
        {phone && (
          <Text size="sm" fw={600}>
            {t('agreements.lifecycle.step', { n: Math.min(active, steps.length - 1) + 1, of: steps.length, status: t(`statuses.${status}`) })}
          </Text>
        )}

        {EDITABLE.has(status) && agreement.permissions.readApprovals && <Requirements agreement={agreement} today={today} />}
        {status === 'terminated' && (
          <Text size="sm">
            {t('agreements.lifecycle.terminatedOn', { date: formatDate(agreement.noticeDate) })}
            {agreement.statusReason ? ` — ${agreement.statusReason}` : ''}
          </Text>
        )}

        {(agreement.permissions.edit || moves.length > 0 || mayRenew) && (
          <Group gap="sm">
            {agreement.permissions.edit && (
              <Button component={Link} to={`/agreements/${agreement.id}/edit`} leftSection={<IconPencil size={16} />} variant="light">
                {t('agreements.actions.edit')}
              </Button>
            )}
            {moves.map((to) =>
              to === 'terminated' ? (
                <Button key={to} color="red" variant="light" onClick={terminateModal.open}>
                  {t('agreements.actions.to.terminated')}
                </Button>
              ) : (
                <Button key={to} variant="default" loading={transition.isPending && transition.variables?.to === to} onClick={() => move(to)}>
                  {t(`agreements.actions.to.${to}`)}
                </Button>
              ),
            )}
            {mayRenew && (
              <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={renewModal.open}>
                {t('agreements.actions.renew')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal opened={terminating} onClose={terminateModal.close} title={t('agreements.terminate.title')}>
        {terminating && <TerminateForm agreement={agreement} today={today} onDone={terminateModal.close} />}
      </Modal>
      <Modal opened={renewing} onClose={renewModal.close} title={t('agreements.renew.title')}>
        {renewing && (
          <RenewForm
            agreement={agreement}
            onDone={(successorId) => {
              renewModal.close();
              if (successorId) navigate(`/agreements/${successorId}`);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

/** What the agreement still needs to come into force, each condition ticked or not. */
function Requirements({ agreement, today }: { agreement: Agreement; today: string }) {
  const { t } = useTranslation();
  const approved = new Set(
    agreement.approvals.filter((a) => !a.voided && a.contentHash === agreement.contentHash).map((a) => a.institutionId),
  );
  const missing = agreement.parties.filter((p) => !approved.has(p.institutionId)).map((p) => p.code);
  const items = [
    {
      ok: missing.length === 0,
      text:
        missing.length === 0
          ? t('agreements.lifecycle.allApproved', { n: agreement.versionNo })
          : t('agreements.lifecycle.awaitingApprovals', { n: agreement.versionNo, parties: missing.join(', ') }),
    },
    { ok: agreement.signedDocumentId !== null, text: t('agreements.lifecycle.signedPdf') },
    // engines/agreements/lifecycle.ts: no agreement comes into force without its signing date.
    {
      ok: agreement.content.signingDate !== null,
      text: agreement.content.signingDate
        ? t('agreements.lifecycle.signingDateDone', { date: formatDate(agreement.content.signingDate) })
        : t('agreements.lifecycle.signingDate'),
    },
    { ok: agreement.content.startDate <= today, text: t('agreements.lifecycle.startDate', { date: formatDate(agreement.content.startDate) }) },
  ];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('agreements.lifecycle.inForceWhen')}
      </Text>
      <List
        spacing={4}
        size="sm"
        center
        aria-label={t('agreements.lifecycle.inForceWhen')}
      >
        {items.map((item) => (
          <List.Item
            key={item.text}
            icon={
              <ThemeIcon size={20} radius="xl" color={item.ok ? 'teal' : 'gray'} variant={item.ok ? 'filled' : 'light'}>
                {item.ok ? <IconCheck size={12} /> : <IconClock size={12} />}
              </ThemeIcon>
            }
          >
            {item.text}
            <Text span size="xs" c="dimmed">
              {' '}
              ({item.ok ? t('agreements.lifecycle.done') : t('agreements.lifecycle.pending')})
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function TerminateForm({ agreement, today, onDone }: { agreement: Agreement; today: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const transition = useTransition(agreement.id);
  const [reason, setReason] = useState('');
  const [noticeDate, setNoticeDate] = useState<string | null>(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!reason.trim()) missing.reason = inputMessage('reason', 'required');
    const dateProblem = typedDateProblem('noticeDate', noticeDate, me.dates, true);
    if (dateProblem) missing.noticeDate = dateProblem;
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    transition.mutate(
      { to: 'terminated', reason: reason.trim(), noticeDate: noticeDate ?? undefined },
      {
        onSuccess: () => {
          notifySuccess(t('agreements.lifecycle.moved', { status: t('statuses.terminated') }));
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldProblems.length > 0) {
            setErrors(Object.fromEntries(error.fieldProblems.map((p) => [p.field, problemText(p)])));
          } else notifyError(error);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('agreements.terminate.description')}</Text>
        <Textarea label={t('fields.reason')} withAsterisk autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <DateField label={t('fields.noticeDate')} withAsterisk value={noticeDate} onChange={setNoticeDate} error={errors.noticeDate} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={transition.isPending}>
            {t('agreements.terminate.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenewForm({ agreement, onDone }: { agreement: Agreement; onDone: (successorId: string | null) => void }) {
  const { t } = useTranslation();
  const renew = useRenew(agreement.id);
  const end = agreement.content.endDate;
  const nextStart = end ? new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
  const [startDate, setStartDate] = useState<string | null>(nextStart);
  const [endDate, setEndDate] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const me = useSignedInMe();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const problems = Object.fromEntries(
      Object.entries({
        startDate: typedDateProblem('startDate', startDate, me.dates, true),
        endDate: typedDateProblem('endDate', endDate, me.dates) ?? (startDate && endDate && endDate < startDate ? inputMessage('endDate', 'before_start') : undefined),
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    setErrors(problems);
    if (!startDate || Object.keys(problems).length > 0) return;
    renew.mutate(
      { startDate, endDate },
      {
        onSuccess: (successor) => onDone(successor.id),
        onError: (error) => {
          if (error instanceof ApiError && error.fieldProblems.some((p) => p.field === 'startDate' || p.field === 'endDate')) {
            setErrors(Object.fromEntries(error.fieldProblems.map((p) => [p.field, problemText(p)])));
          } else notifyError(error);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('agreements.renew.description')}</Text>
        <DateField label={t('fields.startDate')} withAsterisk value={startDate} onChange={setStartDate} error={errors.startDate} />
        <DateField
          label={t('fields.endDate')}
          description={t('agreements.editor.endDateHint')}
          clearable
          value={endDate}
          onChange={setEndDate}
          error={errors.endDate}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={renew.isPending}>
            {t('agreements.renew.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
