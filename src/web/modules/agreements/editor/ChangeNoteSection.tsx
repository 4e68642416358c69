import { Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EditorSection } from './EditorSection.tsx';

/** Why this version: shown in the version history. Only when editing. */
export function ChangeNoteSection({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <EditorSection title={t('fields.changeNote')}>
      <Textarea
        label={t('fields.changeNote')}
        description={t('agreements.editor.changeNoteHint')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={2}
      />
    </EditorSection>
  );
}
