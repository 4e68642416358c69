import { Alert, Anchor, Badge, Button, Card, Code, Group, List, Modal, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconRosetteDiscountCheck, IconShieldCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { notifyError, notifySuccess } from '../../lib/form-errors.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { useSignedInMe } from '../session/session.ts';
import { ActorName } from './ActorName.tsx';
import { shortHash } from './options.ts';
import { useApprove } from './queries.ts';

type Approval = Agreement['approvals'][number];

// Each party approves one version, named by the SHA-256 of its content. Shows, per party, whether it
// approved the current version (and whether that approval's hash still matches the stored content),
// earlier approvals voided by edits, and the approve button for the party's officers.
export function ApprovalsPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [confirming, confirm] = useDisclosure(false);
  const [explaining, explain] = useDisclosure(false);
  const current = (institutionId: string) =>
    agreement.approvals.find((a) => a.institutionId === institutionId && !a.voided && a.contentHash === agreement.contentHash);
  const voided = agreement.approvals.filter((a) => a.voided);
  const approvedByMe = Boolean(current(me.institution.id));
  const mayApprove = agreement.permissions.approve && !approvedByMe;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="approvals-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="approvals-title">
            {t('agreements.approvals.title')}
          </Title>
          <Anchor component="button" type="button" size="sm" onClick={explain.open}>
            {t('agreements.approvals.howToVerify')}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('agreements.approvals.currentVersion', { n: agreement.versionNo, hash: shortHash(agreement.contentHash) })}
        </Text>
        <Stack gap="xs" role="list" aria-label={t('agreements.approvals.byParty')}>
          {agreement.parties.map((party) => {
            const approval = current(party.institutionId);
            return (
              <Group key={party.institutionId} gap="sm" wrap="nowrap" align="flex-start" role="listitem">
                <ThemeIcon
                  size={28}
                  radius="xl"
                  variant={approval ? 'filled' : 'light'}
                  color={approval ? (approval.verified ? 'teal' : 'red') : 'gray'}
                  aria-hidden
                >
                  {approval ? <IconCircleCheck size={18} /> : <IconClock size={18} />}
                </ThemeIcon>
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Badge variant="outline" miw="max-content">{party.code}</Badge>
                    <Text size="sm" fw={500}>
                      {approval
                        ? t('agreements.approvals.approvedVersion', { n: approval.versionNo })
                        : t('agreements.approvals.notYet')}
                    </Text>
                  </Group>
                  {approval && <ApprovalLine approval={approval} />}
                  {!approval && (
                    <Text size="xs" c="dimmed">
                      {localName(party)}
                    </Text>
                  )}
                </Stack>
              </Group>
            );
          })}
        </Stack>
        {agreement.fullyApproved && (
          <Alert color="teal" icon={<IconRosetteDiscountCheck />} p="xs">
            <Text size="sm">{t('agreements.approvals.fullyApproved', { n: agreement.versionNo })}</Text>
          </Alert>
        )}
        {mayApprove && (
          <Button leftSection={<IconShieldCheck size={18} />} onClick={confirm.open} h="auto" py={8} styles={{ label: { whiteSpace: 'normal' } }}>
            {t('agreements.approvals.approve', { n: agreement.versionNo, hash: shortHash(agreement.contentHash) })}
          </Button>
        )}
        {agreement.permissions.edit && (
          <Text size="xs" c="dimmed">
            {t('agreements.approvals.editVoids')}
          </Text>
        )}
        {voided.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('agreements.approvals.voidedTitle')}
            </Text>
            <List size="xs" spacing={2}>
              {voided.map((approval) => (
                <List.Item key={approval.id}>
                  {t('agreements.approvals.voidedLine', {
                    code: approval.institutionCode,
                    n: approval.versionNo,
                    hash: shortHash(approval.contentHash),
                    reason: voidReason(t, approval),
                  })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
      <Modal opened={confirming} onClose={confirm.close} title={t('agreements.approvals.confirmTitle', { n: agreement.versionNo })}>
        {confirming && <ApproveConfirm agreement={agreement} onDone={confirm.close} />}
      </Modal>
      <Modal opened={explaining} onClose={explain.close} title={t('agreements.verify.title')} size="lg">
        <HowToVerify agreement={agreement} />
      </Modal>
    </Card>
  );
}

function voidReason(t: TFunction, approval: Approval): string {
  if (approval.voidedByVersion !== null) return t('agreements.approvals.voidedByVersion', { n: approval.voidedByVersion });
  return approval.voidReason ?? t('agreements.approvals.voidedUnknown');
}

function ApprovalLine({ approval }: { approval: Approval }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Text size="xs" c="dimmed">
        <ActorName name={approval.approvedByName} email={approval.approvedByEmail} />, {formatDateTime(approval.approvedAt)}
      </Text>
      <Tooltip label={approval.verified ? t('agreements.approvals.verifiedHint') : t('agreements.approvals.mismatchHint')} multiline w={260}>
        <Badge size="xs" color={approval.verified ? 'teal' : 'red'} variant="light" tt="none" leftSection={approval.verified ? '✓' : '✗'}>
          {approval.verified ? t('agreements.approvals.verified') : t('agreements.approvals.mismatch')}
        </Badge>
      </Tooltip>
    </Group>
  );
}

function ApproveConfirm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const { t } = useTranslation();
  const approve = useApprove(agreement.id);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('agreements.approvals.confirmText', { n: agreement.versionNo })}</Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {agreement.contentHash}
      </Code>
      <Text size="sm" c="dimmed">
        {t('agreements.approvals.editVoids')}
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={approve.isPending}
          leftSection={<IconShieldCheck size={18} />}
          onClick={() =>
            approve.mutate(agreement.contentHash, {
              onSuccess: () => {
                notifySuccess(t('agreements.approvals.done', { n: agreement.versionNo }));
                onDone();
              },
              onError: (error) => {
                // A stale hash means someone saved a new version meanwhile: the page reloads it.
                if (error instanceof ApiError && error.status === 409) onDone();
                notifyError(error);
              },
            })
          }
        >
          {t('agreements.approvals.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}

function HowToVerify({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('agreements.verify.intro')}</Text>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>{t('agreements.verify.step1')}</List.Item>
        <List.Item>{t('agreements.verify.step2')}</List.Item>
        <List.Item>{t('agreements.verify.step3')}</List.Item>
      </List>
      <Text size="sm">{t('agreements.verify.notIncluded')}</Text>
      <Text size="sm" fw={600}>
        {t('agreements.verify.thisVersion', { n: agreement.versionNo })}
      </Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {agreement.contentHash}
      </Code>
      <Alert color="gray" icon={<IconAlertTriangle />} p="xs">
        <Text size="xs">{t('agreements.verify.verifiedMeans')}</Text>
      </Alert>
    </Stack>
  );
}
