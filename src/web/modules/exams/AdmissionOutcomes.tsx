import { Alert, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, localName, localText } from '../../lib/format.ts';
import type { LookupAnswer } from './queries.ts';

const score = (n: number) => formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The candidate's outcome in each published admission season they applied to: the program admitted to, each preference's fate. */
export function AdmissionOutcomes({ admissions }: { admissions: LookupAnswer['admissions'] }) {
  const { t } = useTranslation();
  if (admissions.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('lookup.admission.title')}
      </Title>
      {admissions.map((a) => (
        <Paper key={`${a.institutionNameVi}-${a.seasonTitleVi}`} withBorder p="sm">
          <Text size="sm" fw={500}>
            {`${localText(a.institutionNameVi, a.institutionNameEn)} · ${localText(a.seasonTitleVi, a.seasonTitleEn)}`}
          </Text>
          <Alert color={a.admitted ? 'teal' : 'gray'} variant="light" my="xs">
            {a.admitted
              ? t('lookup.admission.admitted', {
                  program: `${a.admitted.programCode} · ${localName(a.admitted)}`,
                  rank: a.admitted.rank,
                  score: score(a.admitted.score),
                })
              : t('lookup.admission.notAdmitted')}
          </Alert>
          <Table withTableBorder fz="sm" aria-label={t('lookup.admission.preferences')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lookup.admission.rank')}</Table.Th>
                <Table.Th>{t('lookup.admission.program')}</Table.Th>
                <Table.Th>{t('lookup.admission.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.preferences.map((p) => (
                <Table.Tr key={p.rank}>
                  <Table.Td>{p.rank}</Table.Td>
                  <Table.Td>{`${p.programCode} · ${localName(p)}`}</Table.Td>
                  <Table.Td>{t(`lookup.admission.outcomes.${p.outcome}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
