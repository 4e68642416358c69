import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { notifySuccess } from '../../lib/form-errors.ts';
import { AgreementEditor } from '../../modules/agreements/editor/AgreementEditor.tsx';
import { localTitle } from '../../modules/agreements/options.ts';
import { useAgreement } from '../../modules/agreements/queries.ts';
import { useSignedInMe } from '../../modules/session/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';

/** /agreements/new: draft an agreement. */
export function NewAgreementPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInMe();
  if (!me.permissions.draftAgreement) {
    return (
      <Alert color="orange" title={t('agreements.editor.notAllowedTitle')}>
        {t('agreements.editor.notAllowed')}
      </Alert>
    );
  }
  return (
    <>
      <PageHeader title={t('agreements.editor.newTitle')} description={t('agreements.editor.newDescription')} />
      <AgreementEditor
        onSaved={(saved) => {
          notifySuccess(t('agreements.editor.created'));
          navigate(`/agreements/${saved.id}`);
        }}
        onCancel={() => navigate('/agreements')}
      />
    </>
  );
}

/** /agreements/:id/edit: a new version of the content, based on the one loaded. */
export function EditAgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const agreement = useAgreement(id);
  if (!agreement.isSuccess) return <QueryFallback query={agreement} />;
  const data = agreement.data;
  return (
    <>
      <PageHeader
        title={t('agreements.editor.editTitle', { n: data.versionNo + 1 })}
        description={
          <Anchor component={Link} to={`/agreements/${data.id}`}>
            {localTitle(data.content)}
          </Anchor>
        }
      />
      {data.permissions.edit ? (
        <AgreementEditor
          // A fresh editor for each loaded version; a newer version arriving later does not reset typing.
          key={data.id}
          agreement={data}
          onSaved={(saved) => {
            notifySuccess(t('agreements.editor.savedVersion', { n: saved.versionNo }));
            navigate(`/agreements/${saved.id}`);
          }}
          onCancel={() => navigate(`/agreements/${data.id}`)}
        />
      ) : (
        <Alert color="orange" title={t('agreements.editor.notAllowedTitle')}>
          {t('agreements.editor.notEditable', { status: t(`statuses.${data.status}`) })}
        </Alert>
      )}
    </>
  );
}
