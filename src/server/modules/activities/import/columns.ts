import {
  ACTIVITY_IMPORT_COLUMNS,
  type ActivityImportColumn,
  ActivityStatus,
  ParticipantRole,
} from '../../../../contracts/activities.ts';
import { type Language, translate } from '../../../../locales/index.ts';

// The file's columns: which are required, their names in either language, and the values of its lists.

export type Column = ActivityImportColumn;
/** Columns a file must have; the others may be left out. */
export const REQUIRED_COLUMNS: Column[] = ['areaKey', 'kind', 'titleVi', 'titleEn', 'startDate', 'endDate', 'organisers'];
export const ROLES = ParticipantRole.options;
export const STATUSES = ActivityStatus.options;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const label = (lang: Language, column: Column) => translate(lang, `activityImport.columns.${column}`);
export const header = (lang: Language, column: Column) => `${label(lang, column)} [${column}]`;
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** A value of a list (kind, status, role) by its key or its name in either language. */
export function lookupValue<T extends string>(values: readonly T[], group: string, text: string): T | undefined {
  const wanted = fold(text);
  return values.find((v) => fold(v) === wanted || fold(translate('vi', `activityImport.${group}.${v}`)) === wanted || fold(translate('en', `activityImport.${group}.${v}`)) === wanted);
}

/** Header cell → its column: `… [key]`, the key itself, or a column's name in either language. */
export function columnOf(text: string): Column | undefined {
  const bracket = /\[([A-Za-z]+)\]\s*$/.exec(text);
  const wanted = fold(bracket ? bracket[1] : text);
  return ACTIVITY_IMPORT_COLUMNS.find((c) => fold(c) === wanted || fold(label('vi', c)) === wanted || fold(label('en', c)) === wanted);
}
