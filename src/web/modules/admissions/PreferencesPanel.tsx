import { Alert, Button, Code, FileInput, Group, List, Paper, Progress, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { MAX_PREFERENCE_IMPORT_BYTES, type PreferenceImportResult, type Season, usePreferenceImport } from './queries.ts';

/** The file's columns (the server's import.ts); the priority ones are the CLI's candidates.csv columns. */
const PREFERENCE_COLUMNS = ['candidate_id', 'candidate_number', 'rank', 'program_id', 'score', 'region', 'groups', 'graduation_year', 'bonus'] as const;

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The candidates' ranked preferences from an XLSX or CSV file: "Check the file" uploads it in preview (every bad row
 * with its reason, nothing saved), then "Replace the preferences" saves all rows or none (the server checks again).
 */
export function PreferencesPanel({ season }: { season: Season }) {
  const { t } = useTranslation();
  const editable = season.permissions.manage && season.status !== 'published';
  return (
    <Stack gap="md">
      <Text size="sm">{t('admissions.preferences.count', { formatted: formatNumber(season.preferenceCount) })}</Text>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('admissions.preferences.formatTitle')}
        </Title>
        <List size="sm" spacing={4}>
          {PREFERENCE_COLUMNS.map((column) => (
            <List.Item key={column}>
              <Code>{column}</Code> — {t(`admissions.preferences.columns.${column}`)}
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed" mt="xs">
          {t('admissions.preferences.priorityNote')}
        </Text>
        <Text size="xs" c="dimmed" mt="xs">
          {t('admissions.preferences.formatNote')}
        </Text>
      </Paper>
      {editable ? <PreferenceImport season={season} /> : <Alert variant="light">{t('admissions.preferences.readOnly')}</Alert>}
    </Stack>
  );
}

function PreferenceImport({ season }: { season: Season }) {
  const { t } = useTranslation();
  const upload = usePreferenceImport(season.id);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<PreferenceImportResult | null>(null);
  const [saved, setSaved] = useState<PreferenceImportResult | null>(null);
  const tooLarge = file !== null && file.size > MAX_PREFERENCE_IMPORT_BYTES;
  const busy = upload.isPending;
  const problems = upload.error instanceof ApiError ? upload.error.fieldProblems : [];

  const send = (mode: 'preview' | 'all') => {
    if (!file) return;
    setProgress(0);
    upload.mutate(
      { file, mode, onProgress: setProgress },
      {
        onSuccess: (result) => (mode === 'preview' ? setPreview(result) : setSaved(result)),
        onSettled: () => setProgress(null),
      },
    );
  };
  const choose = (next: File | null) => {
    setFile(next);
    setPreview(null);
    setSaved(null);
    upload.reset();
  };
  const percent = Math.round((progress ?? 0) * 100);
  return (
    <Stack gap="sm">
      <FileInput
        label={t('admissions.preferences.file')}
        placeholder={t('admissions.preferences.filePlaceholder')}
        accept={ACCEPT}
        value={file}
        onChange={choose}
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        error={tooLarge ? t('admissions.preferences.tooLarge') : undefined}
        disabled={busy}
        clearable
        maw={520}
      />
      {progress !== null && (
        <Stack gap={4} maw={520}>
          <Progress value={percent} animated={progress >= 1} aria-label={t('admissions.preferences.uploading', { percent })} />
          <Text size="xs" c="dimmed">
            {progress < 1 ? t('admissions.preferences.uploading', { percent }) : t('admissions.preferences.checking')}
          </Text>
        </Stack>
      )}
      {upload.error && (
        <Alert
          color="red"
          variant="light"
          title={problems.length > 0 ? t('admissions.preferences.problemsTitle', { count: problems.length }) : undefined}
        >
          {problems.length > 0 ? t('admissions.preferences.nothingSaved') : upload.error.message}
        </Alert>
      )}
      {problems.length > 0 && (
        <ScrollArea.Autosize mah={360}>
          <Table striped withTableBorder fz="sm" aria-label={t('admissions.preferences.problemsTitle', { count: problems.length })}>
            <Table.Tbody>
              {problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as it came.
                <Table.Tr key={i}>
                  <Table.Td>{p.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {preview && !saved && (
        <Alert color="teal" variant="light">
          {t('admissions.preferences.valid', { candidates: formatNumber(preview.candidates) })}
          {season.preferenceCount > 0 && ` ${t('admissions.preferences.replaces', { count: formatNumber(season.preferenceCount) })}`}
        </Alert>
      )}
      {saved && (
        <Alert color="teal" variant="light">
          {t('admissions.preferences.saved', {
            created: formatNumber(saved.created),
            candidates: formatNumber(saved.candidates),
            replaced: formatNumber(saved.replaced),
          })}
        </Alert>
      )}
      <Group>
        <Button
          variant={preview ? 'default' : 'filled'}
          onClick={() => send('preview')}
          disabled={!file || tooLarge || busy || saved !== null}
        >
          {t('admissions.preferences.check')}
        </Button>
        {preview && !saved && (
          <Button onClick={() => send('all')} loading={busy}>
            {t('admissions.preferences.replace')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
