import type { TFunction } from 'i18next';
import type { EditorValues } from './editor-model.ts';

/**
 * Each problem with where it is ("Area 1 · Target t1 — Value: required"), for the list above the form;
 * the same message twice is listed once.
 */
export function describeProblems(t: TFunction, errors: Record<string, unknown>, values: EditorValues): string[] {
  return [
    ...new Set(
      Object.entries(errors).map(([path, message]) => {
        const area = /^areas\.(\d+)(?:\.(commitments|targets)\.(\d+))?/.exec(path);
        if (!area) return String(message);
        const index = Number(area[1]);
        const places = [t('agreements.editor.areaNumber', { n: index + 1 })];
        const item = area[2] ? values.areas[index]?.[area[2] as 'targets' | 'commitments']?.[Number(area[3])] : undefined;
        if (item) places.push(t(area[2] === 'targets' ? 'agreements.diff.target' : 'agreements.diff.commitment', { key: item.key }));
        return `${places.join(' · ')} — ${String(message)}`;
      }),
    ),
  ];
}
