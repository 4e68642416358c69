import { Alert, Anchor, Button, FileInput, Group, Modal, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { type ActivityImportMode, type ActivityImportResult, activityImportTemplateUrl, MAX_IMPORT_BYTES, useActivityImport } from './import-queries.ts';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** At most this many problems are listed; the rest are counted. */
const SHOWN_PROBLEMS = 300;

/**
 * Import activities from an XLSX or CSV file: template links, the upload with its progress, the preview (every bad
 * row with its column and reason, the valid count), then "Import all" (only when no row is bad) or "Import only
 * valid rows". The server checks every row with the rules of a single activity and saves nothing in a preview.
 */
export function ImportActivitiesDialog({ agreementId, opened, onClose }: { agreementId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('activityImportDialog.title')} size="xl">
      {opened && <ActivityImportSteps agreementId={agreementId} onClose={onClose} />}
    </Modal>
  );
}

function ActivityImportSteps({ agreementId, onClose }: { agreementId: string; onClose: () => void }) {
  const upload = useActivityImport(agreementId);
  return (
    <FileImportSteps
      texts="activityImportDialog"
      templateUrl={(format) => activityImportTemplateUrl(agreementId, format)}
      maxBytes={MAX_IMPORT_BYTES}
      upload={upload}
      onClose={onClose}
    />
  );
}

/** What an import answers (activities, exams: the same shape). */
type ImportResult = Pick<ActivityImportResult, 'rows' | 'validRows' | 'invalidRows' | 'alreadyImported' | 'importedAt' | 'previouslyCreated' | 'created'> & {
  problems: { row: number; column: string | null; columnLabel: string; code: string; message: string }[];
};

/**
 * The steps of a file import, for any import route: template links, the upload with its progress, the preview, then
 * "Import all" or "Import only valid rows". `texts` names the locale group of its texts (`activityImportDialog`, …),
 * which has the same keys for every import.
 */
export function FileImportSteps<R extends ImportResult>({
  texts,
  templateUrl,
  maxBytes,
  upload,
  onClose,
}: {
  texts: string;
  templateUrl: (format: 'xlsx' | 'csv') => string;
  maxBytes: number;
  upload: UseMutationResult<R, Error, { file: File; mode: ActivityImportMode; onProgress: (share: number) => void }>;
  onClose: () => void;
}) {
  const { t: translate } = useTranslation();
  // The keys of the import's own locale group (`texts`), the same for every import.
  const text = (key: string, options: Record<string, unknown> = {}) => translate(`${texts}.${key}`, options);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [outcome, setOutcome] = useState<R | null>(null);
  const tooLarge = file !== null && file.size > maxBytes;
  const busy = upload.isPending;

  const send = (mode: ActivityImportMode) => {
    if (!file) return;
    setProgress(0);
    upload.mutate(
      { file, mode, onProgress: setProgress },
      {
        onSuccess: (result) => {
          if (mode !== 'preview') return setOutcome(result);
          setPreview(result);
          setOutcome(null);
        },
        onSettled: () => setProgress(null),
      },
    );
  };
  const reset = (next: File | null) => {
    setFile(next);
    setPreview(null);
    setOutcome(null);
    upload.reset();
  };
  const shown = outcome ?? preview;
  const done = outcome !== null && (outcome.created > 0 || outcome.alreadyImported);

  return (
    <Stack gap="sm">
      <Text size="sm">{text('intro')}</Text>
      <Group gap="md">
        <Text size="sm" fw={500}>
          {text('templates')}
        </Text>
        <Anchor size="sm" href={templateUrl('xlsx')} download>
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden />
            {text('templateXlsx')}
          </Group>
        </Anchor>
        <Anchor size="sm" href={templateUrl('csv')} download>
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden />
            {text('templateCsv')}
          </Group>
        </Anchor>
      </Group>
      <FileInput
        label={text('file')}
        placeholder={text('filePlaceholder')}
        accept={ACCEPT}
        value={file}
        onChange={reset}
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        error={tooLarge ? text('tooLarge') : undefined}
        disabled={busy}
        clearable
      />
      {!preview && (
        <Group justify="flex-end">
          <Button onClick={() => send('preview')} disabled={!file || tooLarge} loading={busy}>
            {text('check')}
          </Button>
        </Group>
      )}
      {progress !== null && (
        <Stack gap={4}>
          <Progress value={Math.round(progress * 100)} animated={progress >= 1} aria-label={text('uploading', { percent: Math.round(progress * 100) })} />
          <Text size="xs" c="dimmed">
            {progress < 1 ? text('uploading', { percent: Math.round(progress * 100) }) : text('checking')}
          </Text>
        </Stack>
      )}
      {upload.error && (
        <Alert color="red" variant="light">
          {upload.error.message}
        </Alert>
      )}
      {shown && <Report result={shown} texts={texts} />}
      {outcome && outcome.created > 0 && (
        <Alert color="teal" variant="light">
          {text('imported', { count: outcome.created })}
        </Alert>
      )}
      {outcome && outcome.created === 0 && !outcome.alreadyImported && (
        <Alert color="orange" variant="light">
          {text('nothingImported')}
        </Alert>
      )}
      {preview && !done && (
        <Stack gap={4}>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => reset(null)} disabled={busy}>
              {text('another')}
            </Button>
            <Button variant="light" onClick={() => send('valid-only')} disabled={busy || preview.validRows === 0 || preview.alreadyImported} loading={busy}>
              {text('importValid')}
            </Button>
            <Button onClick={() => send('all')} disabled={busy || preview.invalidRows > 0 || preview.alreadyImported} loading={busy}>
              {text('importAll')}
            </Button>
          </Group>
          {preview.invalidRows > 0 && (
            <Text size="xs" c="dimmed" ta="right">
              {text('importAllHint')}
            </Text>
          )}
        </Stack>
      )}
      {done && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset(null)}>
            {text('another')}
          </Button>
          <Button onClick={onClose}>{text('close')}</Button>
        </Group>
      )}
    </Stack>
  );
}

function Report({ result, texts }: { result: ImportResult; texts: string }) {
  const { t: translate } = useTranslation();
  // The keys of the import's own locale group (`texts`), the same for every import.
  const text = (key: string, options: Record<string, unknown> = {}) => translate(`${texts}.${key}`, options);
  const shown = result.problems.slice(0, SHOWN_PROBLEMS);
  return (
    <Stack gap="xs">
      {result.alreadyImported && (
        <Alert color="blue" variant="light">
          {text('alreadyImported', { date: formatDateTime(result.importedAt), count: formatNumber(result.previouslyCreated) })}
        </Alert>
      )}
      <Text size="sm" fw={500}>
        {result.invalidRows === 0
          ? text('allValid', { rows: formatNumber(result.rows) })
          : text('summary', { valid: formatNumber(result.validRows), rows: formatNumber(result.rows), invalid: formatNumber(result.invalidRows) })}
      </Text>
      {shown.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            {text('problemsTitle')}
          </Text>
          <ScrollArea.Autosize mah={320}>
            <Table striped withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{text('columns.row')}</Table.Th>
                  <Table.Th w={180}>{text('columns.column')}</Table.Th>
                  <Table.Th>{text('columns.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((p) => (
                  <Table.Tr key={`${p.row}-${p.column}-${p.code}-${p.message}`}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.columnLabel}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {result.problems.length > shown.length && (
            <Text size="xs" c="dimmed">
              {text('moreProblems', { count: result.problems.length - shown.length })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
