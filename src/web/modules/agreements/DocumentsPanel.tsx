import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Center,
  CopyButton,
  FileInput,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCopy, IconDownload, IconEye, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { inputMessage, notifySuccess, problemText, withoutField } from '../../lib/form-errors.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { shortHash } from './options.ts';
import { type AgreementDocument, DOCUMENT_KINDS, fileUrl, useDocuments, useUploadDocument } from './queries.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${formatNumber(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}

const previewable = (doc: AgreementDocument) => doc.mimeType === 'application/pdf' || doc.mimeType.startsWith('image/');

/** The agreement's files (signed copy, annexes, minutes), every revision with its SHA-256; upload and preview. */
export function DocumentsPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const documents = useDocuments(agreement.id);
  const [preview, setPreview] = useState<AgreementDocument | null>(null);
  const [uploading, uploadModal] = useDisclosure(false);
  // The server decides (agreements/policy.ts): working documents for a party's officers, admins and coordinators.
  const mayUpload = agreement.permissions.attach;

  // Latest revision of each document first, older revisions under it.
  const groups = new Map<string, AgreementDocument[]>();
  for (const doc of [...(documents.data ?? [])].sort((a, b) => b.revision - a.revision)) {
    groups.set(doc.documentKey, [...(groups.get(doc.documentKey) ?? []), doc]);
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="documents-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="documents-title">
            {t('agreements.documents.title')}
          </Title>
          {mayUpload && (
            <Button size="xs" variant="light" leftSection={<IconUpload size={14} />} onClick={uploadModal.open}>
              {t('agreements.documents.upload')}
            </Button>
          )}
        </Group>
        {documents.isPending && (
          <Center py="sm">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        )}
        {documents.error && <QueryError error={documents.error} onRetry={() => void documents.refetch()} />}
        {documents.data && groups.size === 0 && (
          <Text size="sm" c="dimmed">
            {mayUpload ? t('agreements.documents.emptyParty') : t('agreements.documents.empty')}
          </Text>
        )}
        {[...groups.values()].map(([latest, ...older]) => (
          <Box key={latest.documentKey} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
            <DocumentLine doc={latest} signed={latest.id === agreement.signedDocumentId} onPreview={setPreview} />
            {older.length > 0 && (
              <Stack gap={2} mt={6} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
                {older.map((doc) => (
                  <DocumentLine key={doc.id} doc={doc} compact signed={false} onPreview={setPreview} />
                ))}
              </Stack>
            )}
          </Box>
        ))}
      </Stack>
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={preview?.title} size="xl" fullScreen={false}>
        {preview &&
          (preview.mimeType.startsWith('image/') ? (
            <img src={fileUrl(preview.fileId)} alt={preview.title} style={{ maxWidth: '100%' }} />
          ) : (
            <iframe title={preview.title} src={fileUrl(preview.fileId)} style={{ width: '100%', height: '75vh', border: 0 }} />
          ))}
      </Modal>
      <Modal opened={uploading} onClose={uploadModal.close} title={t('agreements.documents.upload')}>
        {uploading && <UploadForm agreement={agreement} documents={documents.data ?? []} onDone={uploadModal.close} />}
      </Modal>
    </Card>
  );
}

function DocumentLine({
  doc,
  compact = false,
  signed,
  onPreview,
}: {
  doc: AgreementDocument;
  compact?: boolean;
  signed: boolean;
  onPreview: (doc: AgreementDocument) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Group gap={6} style={{ minWidth: 0 }}>
          {!compact && (
            <Badge size="xs" variant="light" color={doc.kind === 'signed' ? 'teal' : 'gray'} tt="none">
              {t(`agreements.documents.kinds.${doc.kind}`)}
            </Badge>
          )}
          <Text size="sm" fw={compact ? 400 : 500} style={{ overflowWrap: 'anywhere' }}>
            {compact ? t('agreements.documents.revision', { n: doc.revision }) : doc.title}
          </Text>
          {!compact && (
            <Text size="xs" c="dimmed">
              {t('agreements.documents.revision', { n: doc.revision })}
            </Text>
          )}
          {signed && (
            <Badge size="xs" color="teal" tt="none">
              {t('agreements.documents.inForceCopy')}
            </Badge>
          )}
        </Group>
        <Group gap={2} wrap="nowrap">
          {previewable(doc) && (
            <Tooltip label={t('agreements.documents.preview')}>
              <ActionIcon variant="subtle" aria-label={t('agreements.documents.previewNamed', { name: doc.title })} onClick={() => onPreview(doc)}>
                <IconEye size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={t('agreements.documents.download')}>
            <ActionIcon
              variant="subtle"
              component="a"
              href={fileUrl(doc.fileId)}
              download={doc.fileName}
              aria-label={t('agreements.documents.downloadNamed', { name: doc.fileName })}
            >
              <IconDownload size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {doc.fileName} · {formatSize(doc.sizeBytes)} · {doc.uploadedBy} · {formatDateTime(doc.createdAt)}
        </Text>
        <CopyButton value={doc.sha256}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('common.copied') : t('agreements.documents.copyChecksum')}>
              <Anchor component="button" type="button" size="xs" ff="monospace" onClick={copy} aria-label={t('agreements.documents.checksumOf', { hash: doc.sha256 })}>
                SHA-256 {shortHash(doc.sha256)}… {copied ? <IconCheck size={10} /> : <IconCopy size={10} />}
              </Anchor>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

function UploadForm({ agreement, documents, onDone }: { agreement: Agreement; documents: AgreementDocument[]; onDone: () => void }) {
  const { t } = useTranslation();
  const upload = useUploadDocument(agreement.id);
  // The signed copy can bring the agreement into force: only those who act for a party attach it.
  // Evidence is attached from its activity (the activities tab), with the activity's id.
  const kinds = DOCUMENT_KINDS.filter((k) => k !== 'evidence' && (k !== 'signed' || agreement.permissions.attachSigned));
  const offerSigned = kinds.includes('signed') && !documents.some((d) => d.kind === 'signed');
  const [kind, setKind] = useState<string>(offerSigned ? 'signed' : 'annex');
  const [title, setTitle] = useState(offerSigned ? t('agreements.documents.signedTitle') : '');
  const [documentKey, setDocumentKey] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const latest = new Map<string, AgreementDocument>();
  for (const doc of documents) {
    if (!(kinds as readonly string[]).includes(doc.kind)) continue; // a new revision takes its document's kind
    if (!latest.has(doc.documentKey) || latest.get(doc.documentKey)!.revision < doc.revision) latest.set(doc.documentKey, doc);
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    // Said under the inputs, whose labels name them (form-errors.ts).
    if (!title.trim()) problems.title = withoutField(t('validation.required', { field: t('agreements.documents.titleLabel') }), t('agreements.documents.titleLabel'));
    if (!file) problems.file = inputMessage('file', 'required');
    else if (file.size > MAX_BYTES) problems.file = t('agreements.documents.tooLarge');
    else if (kind === 'signed' && file.type && file.type !== 'application/pdf') problems.file = inputMessage('file', 'pdf_required');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !file) return;
    setFailure(null);
    upload.mutate(
      { kind, title: title.trim(), documentKey, file },
      {
        onSuccess: () => {
          notifySuccess(t('agreements.documents.uploaded'));
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldProblems.length > 0) {
            setErrors(Object.fromEntries(error.fieldProblems.map((p) => [p.field, problemText(p)])));
          } else setFailure(error instanceof Error ? error.message : String(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure && (
          <Text c="red" size="sm" role="alert">
            {failure}
          </Text>
        )}
        <Select
          label={t('fields.kind')}
          data={kinds.map((value) => ({ value, label: t(`agreements.documents.kinds.${value}`) }))}
          value={kind}
          onChange={(value) => setKind(value ?? 'other')}
          allowDeselect={false}
          error={errors.kind}
        />
        {latest.size > 0 && (
          <Select
            label={t('agreements.documents.revisionOf')}
            placeholder={t('agreements.documents.newDocument')}
            data={[...latest.values()].map((doc) => ({ value: doc.documentKey, label: `${doc.title} (${t('agreements.documents.revision', { n: doc.revision })})` }))}
            value={documentKey}
            onChange={(value) => {
              setDocumentKey(value);
              const doc = value ? latest.get(value) : undefined;
              if (doc) {
                setTitle(doc.title);
                setKind(doc.kind);
              }
            }}
            clearable
            error={errors.documentKey}
          />
        )}
        <TextInput label={t('agreements.documents.titleLabel')} withAsterisk value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        <FileInput
          label={t('fields.file')}
          description={kind === 'signed' ? t('agreements.documents.signedHint') : t('agreements.documents.fileHint')}
          placeholder={t('agreements.documents.pickFile')}
          withAsterisk
          accept={ACCEPT}
          value={file}
          onChange={setFile}
          clearable
          error={errors.file}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={upload.isPending} leftSection={<IconUpload size={16} />}>
            {t('agreements.documents.uploadSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
