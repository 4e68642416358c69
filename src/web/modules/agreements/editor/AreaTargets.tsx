import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format.ts';
import { useMetrics } from '../queries.ts';
import { AddItemButton } from './AddItemButton.tsx';
import type { EditorForm } from './editor-form.ts';
import { type AreaValues, newTarget } from './editor-model.ts';
import { TargetRow } from './TargetRow.tsx';

/** What an area should achieve: a metric's value over a period; a new one spans the agreement's dates. */
export function AreaTargets({ form, index, area }: { form: EditorForm; index: number; area: AreaValues }) {
  const { t } = useTranslation();
  const metrics = useMetrics();
  const path = `areas.${index}.targets`;
  const metricOptions = (metrics.data ?? []).map((metric) => ({
    value: metric.code,
    label: localName({ nameVi: metric.nameVi, nameEn: metric.nameEn }),
  }));
  return (
    <>
      {area.targets.map((target, k) => (
        <TargetRow
          key={target.key}
          form={form}
          path={`${path}.${k}`}
          number={k + 1}
          metricOptions={metricOptions}
          onRemove={() => form.removeListItem(path, k)}
        />
      ))}
      <AddItemButton
        label={t('agreements.editor.addTarget')}
        onClick={() => form.insertListItem(path, newTarget(form.getValues().areas[index], form.getValues()))}
      />
    </>
  );
}
