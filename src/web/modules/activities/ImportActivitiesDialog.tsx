import { Alert, Anchor, Button, FileInput, Group, Modal, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
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
      {opened && <ImportSteps agreementId={agreementId} onClose={onClose} />}
    </Modal>
  );
}

function ImportSteps({ agreementId, onClose }: { agreementId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const upload = useActivityImport(agreementId);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<ActivityImportResult | null>(null);
  const [outcome, setOutcome] = useState<ActivityImportResult | null>(null);
  const tooLarge = file !== null && file.size > MAX_IMPORT_BYTES;
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
      <Text size="sm">{t('activityImportDialog.intro')}</Text>
      <Group gap="md">
        <Text size="sm" fw={500}>
          {t('activityImportDialog.templates')}
        </Text>
        <Anchor size="sm" href={activityImportTemplateUrl(agreementId, 'xlsx')} download>
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden />
            {t('activityImportDialog.templateXlsx')}
          </Group>
        </Anchor>
        <Anchor size="sm" href={activityImportTemplateUrl(agreementId, 'csv')} download>
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden />
            {t('activityImportDialog.templateCsv')}
          </Group>
        </Anchor>
      </Group>
      <FileInput
        label={t('activityImportDialog.file')}
        placeholder={t('activityImportDialog.filePlaceholder')}
        accept={ACCEPT}
        value={file}
        onChange={reset}
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        error={tooLarge ? t('activityImportDialog.tooLarge') : undefined}
        disabled={busy}
        clearable
      />
      {!preview && (
        <Group justify="flex-end">
          <Button onClick={() => send('preview')} disabled={!file || tooLarge} loading={busy}>
            {t('activityImportDialog.check')}
          </Button>
        </Group>
      )}
      {progress !== null && (
        <Stack gap={4}>
          <Progress value={Math.round(progress * 100)} animated={progress >= 1} aria-label={t('activityImportDialog.uploading', { percent: Math.round(progress * 100) })} />
          <Text size="xs" c="dimmed">
            {progress < 1 ? t('activityImportDialog.uploading', { percent: Math.round(progress * 100) }) : t('activityImportDialog.checking')}
          </Text>
        </Stack>
      )}
      {upload.error && (
        <Alert color="red" variant="light">
          {upload.error.message}
        </Alert>
      )}
      {shown && <Report result={shown} />}
      {outcome && outcome.created > 0 && (
        <Alert color="teal" variant="light">
          {t('activityImportDialog.imported', { count: outcome.created })}
        </Alert>
      )}
      {outcome && outcome.created === 0 && !outcome.alreadyImported && (
        <Alert color="orange" variant="light">
          {t('activityImportDialog.nothingImported')}
        </Alert>
      )}
      {preview && !done && (
        <Stack gap={4}>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => reset(null)} disabled={busy}>
              {t('activityImportDialog.another')}
            </Button>
            <Button variant="light" onClick={() => send('valid-only')} disabled={busy || preview.validRows === 0 || preview.alreadyImported} loading={busy}>
              {t('activityImportDialog.importValid')}
            </Button>
            <Button onClick={() => send('all')} disabled={busy || preview.invalidRows > 0 || preview.alreadyImported} loading={busy}>
              {t('activityImportDialog.importAll')}
            </Button>
          </Group>
          {preview.invalidRows > 0 && (
            <Text size="xs" c="dimmed" ta="right">
              {t('activityImportDialog.importAllHint')}
            </Text>
          )}
        </Stack>
      )}
      {done && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset(null)}>
            {t('activityImportDialog.another')}
          </Button>
          <Button onClick={onClose}>{t('activityImportDialog.close')}</Button>
        </Group>
      )}
    </Stack>
  );
}

function Report({ result }: { result: ActivityImportResult }) {
  const { t } = useTranslation();
  const shown = result.problems.slice(0, SHOWN_PROBLEMS);
  return (
    <Stack gap="xs">
      {result.alreadyImported && (
        <Alert color="blue" variant="light">
          {t('activityImportDialog.alreadyImported', { date: formatDateTime(result.importedAt), count: formatNumber(result.previouslyCreated) })}
        </Alert>
      )}
      <Text size="sm" fw={500}>
        {result.invalidRows === 0
          ? t('activityImportDialog.allValid', { rows: formatNumber(result.rows) })
          : t('activityImportDialog.summary', { valid: formatNumber(result.validRows), rows: formatNumber(result.rows), invalid: formatNumber(result.invalidRows) })}
      </Text>
      {shown.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            {t('activityImportDialog.problemsTitle')}
          </Text>
          <ScrollArea.Autosize mah={320}>
            <Table striped withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('activityImportDialog.columns.row')}</Table.Th>
                  <Table.Th w={180}>{t('activityImportDialog.columns.column')}</Table.Th>
                  <Table.Th>{t('activityImportDialog.columns.reason')}</Table.Th>
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
              {t('activityImportDialog.moreProblems', { count: result.problems.length - shown.length })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
