import { Button, Menu } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { apiPath } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n.ts';

// Download menus for the reports (GET …/report.pdf, …/annual-report.xlsx, …/activities.xlsx, …/signing.docx|pdf):
// plain links the browser downloads, in the reader's language. Each item is offered only when the caller may read
// what it is built from (the server checks again: 404 for what the caller may not see).

const lang = () => (i18n.language === 'en' ? 'en' : 'vi');

/** The years of an agreement's term up to this year, newest first (at most six). */
function yearsOf(agreement: Agreement, thisYear: number): number[] {
  const first = Number(agreement.content.startDate.slice(0, 4));
  const last = Math.min(thisYear, agreement.content.endDate ? Number(agreement.content.endDate.slice(0, 4)) : thisYear);
  const years: number[] = [];
  for (let y = last; y >= first && years.length < 6; y--) years.push(y);
  return years.length > 0 ? years : [thisYear];
}

/**
 * On an agreement's page: the cooperation report per year and the activities list (for who reads the activities),
 * and the agreement ready to sign when every party approved the current version (for who reads the approvals).
 */
export function AgreementDownloads({
  agreement,
  readActivities,
  activityFilters,
}: {
  agreement: Agreement;
  readActivities: boolean;
  activityFilters: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const signable = agreement.view === 'full' && agreement.permissions.readApprovals && agreement.fullyApproved;
  if (!readActivities && !signable) return null;
  const base = `/agreements/${agreement.id}`;
  const signing = `${base}/versions/${agreement.versionNo}/signing`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          {t('reportDownloads.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {readActivities && (
          <>
            <Menu.Label>{t('reportDownloads.agreementReport')}</Menu.Label>
            {yearsOf(agreement, new Date().getFullYear()).map((year) => (
              <Menu.Item key={year} component="a" href={apiPath(`${base}/report.pdf`, { year, lang: lang() })} download leftSection={<IconFileTypePdf size={16} />}>
                {t('reportDownloads.reportOfYear', { year })}
              </Menu.Item>
            ))}
            <Menu.Item
              component="a"
              href={apiPath(`${base}/activities.xlsx`, { ...activityFilters, lang: lang() })}
              download
              leftSection={<IconFileSpreadsheet size={16} />}
            >
              {t('reportDownloads.activitiesXlsx')}
            </Menu.Item>
          </>
        )}
        {signable && (
          <>
            <Menu.Label>{t('reportDownloads.signing', { n: agreement.versionNo })}</Menu.Label>
            <Menu.Item component="a" href={apiPath(`${signing}.docx`, { lang: lang() })} download leftSection={<IconFileText size={16} />}>
              {t('reportDownloads.signingDocx')}
            </Menu.Item>
            <Menu.Item component="a" href={apiPath(`${signing}.pdf`, { lang: lang() })} download leftSection={<IconFileTypePdf size={16} />}>
              {t('reportDownloads.signingPdf')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** On an institution's dashboard: its cooperation report (PDF) and annual report (XLSX) for the year shown. */
export function InstitutionReportDownloads({ institutionId, year }: { institutionId: string; year: string }) {
  const { t } = useTranslation();
  const base = `/institutions/${institutionId}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          {t('reportDownloads.downloadYear', { year })}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={apiPath(`${base}/report.pdf`, { year, lang: lang() })} download leftSection={<IconFileTypePdf size={16} />}>
          {t('reportDownloads.institutionReport')}
        </Menu.Item>
        <Menu.Item component="a" href={apiPath(`${base}/annual-report.xlsx`, { year, lang: lang() })} download leftSection={<IconFileSpreadsheet size={16} />}>
          {t('reportDownloads.annualReport')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
