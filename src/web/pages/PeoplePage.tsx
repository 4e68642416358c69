import { useTranslation } from 'react-i18next';
import { PeopleTable } from '../modules/directory/PeopleTable.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function PeoplePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} />
      <PeopleTable />
    </>
  );
}
