import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, localName, localText } from '../../lib/format.ts';
import type { LookupAnswer } from './queries.ts';

const OUTCOME_COLOR = { admitted: 'green', not_admitted: 'gray', higher_choice_admitted: 'blue' } as const;

/**
 * The candidate's admission outcome in each published season whose preferences include them (the lookup's
 * `admissions`): the institution and season, the program that admitted them or none, and each preference's outcome.
 */
export function AdmissionOutcomes({ admissions }: { admissions: LookupAnswer['admissions'] }) {
  const { t } = useTranslation();
  if (admissions.length === 0) return null;
  return (
    <Stack gap="md">
      <Title order={3} size="h5">
        {t('lookup.admissionTitle')}
      </Title>
      {admissions.map((a) => (
        <Stack key={`${a.institutionNameVi}|${a.seasonTitleVi}|${a.year}`} gap="xs">
          <Text fw={600} size="sm">
            {t('lookup.admissionSeason', { institution: localText(a.institutionNameVi, a.institutionNameEn), season: localText(a.seasonTitleVi, a.seasonTitleEn) })}
          </Text>
          <Text size="sm">
            {a.admitted
              ? t('lookup.admittedTo', { program: localName(a.admitted), code: a.admitted.programCode, rank: a.admitted.rank, score: formatNumber(a.admitted.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })
              : t('lookup.notAdmitted')}
          </Text>
          <Table withTableBorder striped aria-label={t('lookup.preferences')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lookup.preferenceRank')}</Table.Th>
                <Table.Th>{t('lookup.program')}</Table.Th>
                <Table.Th>{t('lookup.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.preferences.map((p) => (
                <Table.Tr key={p.rank}>
                  <Table.Td>{p.rank}</Table.Td>
                  <Table.Td>
                    {localName(p)} ({p.programCode})
                  </Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLOR[p.outcome]} variant="light">
                      {t(`lookup.outcomes.${p.outcome}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
