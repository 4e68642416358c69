import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../contracts/agreements.ts';
import { VersionConflictAlert } from '../../../ui/VersionConflictAlert.tsx';
import { DiffTable } from '../DiffTable.tsx';
import type { ContentConflict } from './use-agreement-save.ts';

/** The version conflict of the agreement editor: what the newer version changed, in words. */
export function ContentConflictAlert({
  conflict,
  codes,
  knownPeople,
  onKeepMine,
  onTakeCurrent,
}: {
  conflict: ContentConflict;
  /** Party codes by institution id. */
  codes: Record<string, string>;
  knownPeople: Agreement['people'];
  onKeepMine: () => void;
  onTakeCurrent: () => void;
}) {
  const { t } = useTranslation();
  return (
    <VersionConflictAlert
      description={t('agreements.editor.conflict', { n: conflict.versionNo })}
      onKeepMine={onKeepMine}
      onTakeCurrent={onTakeCurrent}
    >
      <Box mt="sm">
        <DiffTable entries={conflict.changes} names={{ codes, people: knownPeople, contents: [conflict.content] }} />
      </Box>
    </VersionConflictAlert>
  );
}
