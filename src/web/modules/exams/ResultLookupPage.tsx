import { Alert, Anchor, Button, Checkbox, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import { AdmissionOutcomes } from './AdmissionOutcomes.tsx';
import { type LookupAnswer, useConsent, useLookup, usePublishedExams } from './queries.ts';

const score = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });

/**
 * The candidates' page, without an account: candidate number and date of birth → their results, their admission
 * outcome in published seasons, and the institutions they may share them with. Each consent change proves who they are again with the same number and date of birth,
 * which the page keeps in memory only (the server keeps no session for candidates).
 */
export function ResultLookupPage() {
  const { t } = useTranslation();
  const exams = usePublishedExams();
  const lookup = useLookup();
  const consent = useConsent();
  const [examId, setExamId] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const chosenExam = examId ?? exams.data?.items[0]?.id ?? null;
  const proof = { examId: chosenExam ?? '', candidateNumber: number.trim(), dateOfBirth };

  if (answer) {
    return (
      <Stack gap="md">
        <Title order={2} size="h4">
          {localText(answer.exam.titleVi, answer.exam.titleEn)}
        </Title>
        <Text size="sm">
          {t('lookup.candidate', {
            name: answer.candidate.fullName,
            number: answer.candidate.number,
            dob: formatDate(answer.candidate.dateOfBirth),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('lookup.sat', { round: localText(answer.candidate.roundNameVi, answer.candidate.roundNameEn), venue: answer.candidate.venue })}
        </Text>
        <Table withTableBorder striped aria-label={t('lookup.results')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lookup.subject')}</Table.Th>
              <Table.Th>{t('lookup.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {answer.scores.map((s) => (
              <Table.Tr key={s.subjectKey}>
                <Table.Td>{localName(s)}</Table.Td>
                <Table.Td>
                  {score(s.total)}
                  {Object.keys(s.parts).length > 0 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({s.partNames
                        .filter((p) => s.parts[p.key] !== undefined)
                        .map((p) => `${localName(p)} ${formatNumber(p.weight)}%: ${score(s.parts[p.key])}`)
                        .join(', ')})
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <AdmissionOutcomes admissions={answer.admissions} />
        <Title order={3} size="h5">
          {t('lookup.consentTitle')}
        </Title>
        <Text size="sm">{t('lookup.consentIntro')}</Text>
        {answer.consents.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('lookup.noPartners')}
          </Text>
        )}
        {answer.consents.map((c) => (
          <Stack key={c.institutionId} gap={2}>
            <Checkbox
              label={localName(c)}
              checked={c.consented}
              disabled={consent.isPending}
              onChange={(e) =>
                consent.mutate({ ...proof, institutionId: c.institutionId, consent: e.currentTarget.checked }, { onSuccess: (next) => setAnswer(next) })
              }
            />
            <Text size="xs" c="dimmed" pl={30}>
              {c.consented
                ? t('lookup.consentedSince', { date: formatDateTime(c.givenAt) })
                : c.withdrawnAt
                  ? t('lookup.withdrawnAt', { date: formatDateTime(c.withdrawnAt) })
                  : t('lookup.notShared')}
            </Text>
          </Stack>
        ))}
        {consent.error && (
          <Alert color="red" variant="light">
            {consent.error.message}
          </Alert>
        )}
        <Button
          variant="default"
          onClick={() => {
            setAnswer(null);
            setDateOfBirth('');
            lookup.reset();
            consent.reset();
          }}
        >
          {t('lookup.another')}
        </Button>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        lookup.mutate(proof, { onSuccess: setAnswer });
      }}
    >
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('lookup.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('lookup.intro')}
        </Text>
        {exams.isSuccess && exams.data.items.length === 0 ? (
          <Alert color="blue" variant="light">
            {t('lookup.noExams')}
          </Alert>
        ) : (
          <Select
            label={t('lookup.exam')}
            data={(exams.data?.items ?? []).map((x) => ({ value: x.id, label: `${localText(x.titleVi, x.titleEn)} — ${localText(x.institutionNameVi, x.institutionNameEn)}` }))}
            value={chosenExam}
            onChange={setExamId}
            allowDeselect={false}
            required
          />
        )}
        <TextInput label={t('lookup.number')} placeholder="SPT26-000123" required value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
        <TextInput type="date" label={t('lookup.dateOfBirth')} required value={dateOfBirth} onChange={(e) => setDateOfBirth(e.currentTarget.value)} />
        {lookup.error && (
          <Alert color="red" variant="light">
            {lookup.error.message}
          </Alert>
        )}
        <Button type="submit" loading={lookup.isPending} disabled={!chosenExam}>
          {t('lookup.submit')}
        </Button>
        <Anchor component={Link} to="/login" size="sm" ta="center">
          {t('lookup.toLogin')}
        </Anchor>
      </Stack>
    </form>
  );
}
