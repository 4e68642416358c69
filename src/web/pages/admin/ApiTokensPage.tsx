import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateApiToken, TokenScope } from '../../../contracts/accounts.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { type ApiTokenRow, type CreatedToken, useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../modules/admin/queries.ts';
import { scopeLabelKey } from '../../modules/admin/scopes.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FormModal } from '../../ui/FormModal.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { wholeList } from '../../ui/keyset.ts';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, createModal] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const createButton = (
    <Button leftSection={<IconKey size={16} />} onClick={createModal.open}>
      {t('admin.apiTokens.create')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('admin.apiTokens.title')} description={t('admin.apiTokens.description')} actions={createButton} />
      {created && <CreatedTokenNotice token={created} onDismiss={() => setCreated(null)} />}
      <DataTable<ApiTokenRow>
        label={t('admin.apiTokens.title')}
        {...wholeList(tokens)}
        rowKey={(token) => token.id}
        columns={[
          {
            key: 'name',
            header: t('fields.name'),
            render: (token) => (
              <Stack gap={0}>
                <Text fw={500}>{token.name}</Text>
                <Code>{token.prefix}…</Code>
              </Stack>
            ),
          },
          {
            key: 'scopes',
            header: t('fields.scopes'),
            render: (token) => (
              <Group gap={4}>
                {token.scopes.map((scope) => (
                  <Badge key={scope} variant="light" size="sm" style={{ textTransform: 'none' }}>
                    {t(scopeLabelKey(scope))}
                  </Badge>
                ))}
              </Group>
            ),
          },
          { key: 'created', header: t('admin.apiTokens.columns.created'), render: (token) => formatDateTime(token.createdAt) },
          {
            key: 'expires',
            header: t('admin.apiTokens.columns.expires'),
            render: (token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t('admin.apiTokens.noExpiry')),
          },
          {
            key: 'lastUsed',
            header: t('admin.apiTokens.columns.lastUsed'),
            render: (token) => formatDateTime(token.lastUsedAt) || t('admin.users.never'),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (token) =>
              token.revoked ? (
                <Badge color="gray">{t('admin.apiTokens.revoked')}</Badge>
              ) : (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('admin.apiTokens.revokeNamed', { name: token.name })}
                  onClick={() => revoke.mutate(token.id, { onError: notifyError })}
                >
                  {t('common.revoke')}
                </Button>
              ),
          },
        ]}
        empty={<EmptyHint title={t('admin.apiTokens.emptyTitle')} description={t('admin.apiTokens.emptyHint')} action={createButton} />}
      />
      <FormModal opened={creating} onClose={createModal.close} title={t('admin.apiTokens.create')}>
        <ApiTokenForm
          onCancel={createModal.close}
          onCreated={(token) => {
            createModal.close();
            setCreated(token);
          }}
        />
      </FormModal>
    </>
  );
}

/** The secret is answered once: show it with a copy button and say it will not be shown again. */
function CreatedTokenNotice({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} title={t('admin.apiTokens.createdTitle', { name: token.name })} mb="lg" role="alert">
      <Text size="sm" mb="sm">
        {t('admin.apiTokens.createdWarning')}
      </Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="created-api-token">
          {token.token}
        </Code>
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Button size="xs" color={copied ? 'teal' : 'indigo'} onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Button size="xs" variant="subtle" mt="sm" onClick={onDismiss}>
        {t('admin.apiTokens.storedIt')}
      </Button>
    </Alert>
  );
}

type TokenValues = { name: string; scopes: string[]; expiresInDays: number | string };

function ApiTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const state = useRecordForm({
    schema: CreateApiToken,
    toPayload: (values: TokenValues) => ({
      ...values,
      expiresInDays: values.expiresInDays === '' ? null : Number(values.expiresInDays),
    }),
    save: create.mutateAsync,
    onSaved: (token) => token && onCreated(token),
    initialValues: { name: '', scopes: ['directory:read'], expiresInDays: 365 },
  });
  const { form } = state;
  return (
    <RecordForm state={state} onCancel={onCancel} submitLabel={t('admin.apiTokens.create')}>
      <TextInput label={t('fields.name')} withAsterisk {...form.getInputProps('name')} />
      <Checkbox.Group label={t('fields.scopes')} withAsterisk {...form.getInputProps('scopes')}>
        <Stack gap={6} mt={6}>
          {TokenScope.options.map((scope) => (
            <Checkbox key={scope} value={scope} label={t(scopeLabelKey(scope))} />
          ))}
        </Stack>
      </Checkbox.Group>
      <NumberInput
        label={t('fields.expiresInDays')}
        description={t('admin.apiTokens.expiresHint')}
        min={1}
        max={3650}
        clampBehavior="none"
        allowDecimal={false}
        {...form.getInputProps('expiresInDays')}
      />
    </RecordForm>
  );
}
