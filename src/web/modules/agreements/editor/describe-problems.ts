import type { TFunction } from 'i18next';
import { namedMessage } from '../../../lib/form-errors.ts';
import type { EditorValues } from './editor-model.ts';

/**
 * Each problem with where it is, named once ("Area 1 · Target 1 — Value: required"), for the list above the
 * form; the messages come as said under the inputs ("Required."). The same problem twice is listed once.
 */
export function describeProblems(t: TFunction, errors: Record<string, unknown>, values: EditorValues): string[] {
  return [
    ...new Set(
      Object.entries(errors).map(([path, message]) => {
        const segments = path.split('.');
        // A contact's problem is shown at its party's picker: `areas.0.contacts.<institution id>`.
        const field = segments.at(-2) === 'contacts' ? 'contacts' : (segments.filter((s) => !/^\d+$/.test(s)).at(-1) ?? path);
        const named = namedMessage(field, String(message));
        const area = /^areas\.(\d+)(?:\.(commitments|targets)\.(\d+))?/.exec(path);
        if (!area) return named;
        const index = Number(area[1]);
        const places = [t('agreements.editor.areaNumber', { n: index + 1 })];
        // A commitment or target by its place in the area (its key, `t1`, is internal).
        const item = area[2] ? values.areas[index]?.[area[2] as 'targets' | 'commitments']?.[Number(area[3])] : undefined;
        if (item) places.push(t(area[2] === 'targets' ? 'agreements.diff.target' : 'agreements.diff.commitment', { key: Number(area[3]) + 1 }));
        return `${places.join(' · ')} — ${named}`;
      }),
    ),
  ];
}
