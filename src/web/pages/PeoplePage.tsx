import { Button } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PeopleTable } from '../modules/directory/PeopleTable.tsx';
import { apiPath } from '../lib/api.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';

export function PeoplePage() {
  const { t } = useTranslation();
  // The same filters as the table's (in the URL): the download is the list as shown.
  const { values } = useUrlFilters(['q', 'institutionId', 'unitId', 'title'] as const);
  return (
    <>
      <PageHeader
        title={t('people.title')}
        description={t('people.description')}
        actions={
          <Button
            component="a"
            href={apiPath('/people/export.xlsx', { q: values.q, institutionId: values.institutionId, unitId: values.unitId, title: values.title })}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
          >
            {t('reportDownloads.listXlsx')}
          </Button>
        }
      />
      <PeopleTable />
    </>
  );
}
