import {
  ACTIVITY_IMPORT_COLUMNS,
  ACTIVITY_KINDS,
  type ActivityImportProblem,
  CreateActivity,
} from '../../../../contracts/activities.ts';
import { hasKey, type Language, translate } from '../../../../locales/index.ts';
import { validationKeys } from '../../../../locales/validation-keys.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { FieldIssue } from '../../../platform/errors.ts';
import { issuesToFields } from '../../../platform/validation.ts';
import { type Agreement, activityIssues, type loadCheckContext } from '../service.ts';
import { type Column, fold, label, lookupValue, ROLES, STATUSES, UUID } from './columns.ts';
import { type Cell, cellText, dateOf, NO, tokens, YES } from './read-file.ts';

// Checking a row: the file's cells into what createActivity takes, then the same rules as createActivity (the
// CreateActivity schema, the service's activityIssues), each problem named by its column.

interface Problem {
  column: Column | null;
  /** The list entry the problem is about (an organiser code, a count), named in the message. */
  entry?: string;
  code: string;
  params?: Record<string, unknown>;
  field: string;
}

interface RowResult {
  row: number;
  problems: Problem[];
  input?: ReturnType<typeof CreateActivity.parse>;
  participants?: { personId: string; role: (typeof ROLES)[number]; institutionId: string }[];
}

/** A field of CreateActivity (or of the service's rules) → the file's column. */
function columnOfField(field: string): { column: Column | null; index?: number } {
  const [head, index] = field.split('.');
  const i = index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined;
  if (head === 'organiserIds') return { column: 'organisers', index: i };
  if (head === 'counts') return { column: 'counts', index: i };
  if (head === 'participants') return { column: 'participants', index: i };
  return { column: (ACTIVITY_IMPORT_COLUMNS as readonly string[]).includes(head) ? (head as Column) : null };
}

export function localize(lang: Language, p: Problem, row: number): ActivityImportProblem {
  const columnLabel = p.column ? label(lang, p.column) : translate(lang, 'activityImport.row');
  const { origin, inclusive, format } = (p.params ?? {}) as { origin?: string; inclusive?: boolean; format?: string };
  const keys = validationKeys(p.field, p.code, { origin, inclusive, format });
  const key = keys.find((k) => hasKey(lang, k)) ?? keys.at(-1)!;
  const field = p.entry ? `${columnLabel} (${p.entry})` : columnLabel;
  return { row, column: p.column, columnLabel, code: p.code, message: translate(lang, key, { ...p.params, field }) };
}

export interface References {
  institutions: Map<string, string>;
  emails: Map<string, string[]>;
}

export function checkRow(
  deps: AppDeps,
  agreement: Agreement,
  where: { everywhere: boolean; areas: Set<string> },
  context: Awaited<ReturnType<typeof loadCheckContext>>,
  refs: References,
  get: (c: Column) => Cell | undefined,
  row: number,
): RowResult {
  const problems: Problem[] = [];
  const text = (c: Column) => cellText(get(c));
  const parseProblem = (column: Column, code: string, params?: Record<string, unknown>, entry?: string) => problems.push({ column, code, params, entry, field: column });
  const input: Record<string, unknown> = {
    areaKey: text('areaKey') || undefined,
    titleVi: text('titleVi') || undefined,
    titleEn: text('titleEn') || undefined,
    place: text('place') || undefined,
    outcomes: text('outcomes') || undefined,
  };
  const listed = (column: Column, values: readonly string[], group: string, field: string) => {
    const raw = text(column);
    if (raw === '') return;
    const value = lookupValue(values, group, raw);
    if (value) input[field] = value;
    else parseProblem(column, 'unknown_value', { value: raw });
  };
  listed('kind', ACTIVITY_KINDS, 'kinds', 'kind');
  listed('status', STATUSES, 'statuses', 'status');
  for (const column of ['startDate', 'endDate'] as const) {
    const date = dateOf(get(column));
    if (date === null) parseProblem(column, 'invalid_format', { format: 'date' });
    else input[column] = date;
  }
  const online = fold(text('online'));
  if (YES.includes(online)) input.online = true;
  else if (NO.includes(online)) input.online = online === '' ? undefined : false;
  else parseProblem('online', 'invalid_boolean');

  // Lists: each entry resolved to what CreateActivity takes; `entries` keeps the text of each, to name it.
  const organiserEntries: string[] = [];
  const organiserIds: string[] = [];
  for (const code of tokens(text('organisers')).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean)) {
    const id = refs.institutions.get(code.toUpperCase());
    if (!id) parseProblem('organisers', 'unknown_code', { value: code }, code);
    else {
      organiserIds.push(id);
      organiserEntries.push(code);
    }
  }
  input.organiserIds = organiserIds;
  const countEntries: string[] = [];
  const counts: { institutionId: string; role: string; count: number }[] = [];
  for (const entry of tokens(text('counts'))) {
    const m = /^([^:=]+?)\s*:\s*([^=]+?)\s*=\s*([+-]?\d+)$/.exec(entry);
    if (!m) {
      parseProblem('counts', 'invalid_entry', { value: entry, expected: 'HUST:student=12' }, entry);
      continue;
    }
    const id = refs.institutions.get(m[1].trim().toUpperCase());
    const role = lookupValue(ROLES, 'roles', m[2]);
    if (!id) parseProblem('counts', 'unknown_code', { value: m[1].trim() }, entry);
    else if (!role) parseProblem('counts', 'unknown_value', { value: m[2] }, entry);
    else {
      counts.push({ institutionId: id, role, count: Number(m[3]) });
      countEntries.push(entry);
    }
  }
  input.counts = counts;
  const participantEntries: string[] = [];
  const participants: { personId: string; role: string }[] = [];
  for (const entry of tokens(text('participants'))) {
    const m = /^([^:]+?)\s*(?::\s*(.+))?$/.exec(entry)!;
    const who = m[1].trim();
    const role = m[2] === undefined ? 'other' : lookupValue(ROLES, 'roles', m[2]);
    let personId: string | undefined;
    if (UUID.test(who)) personId = who.toLowerCase();
    else if (who.includes('@')) {
      const found = refs.emails.get(who.toLowerCase()) ?? [];
      if (found.length !== 1) {
        parseProblem('participants', 'unknown_email', { value: who }, entry);
        continue;
      }
      personId = found[0];
    } else {
      parseProblem('participants', 'invalid_entry', { value: entry, expected: 'ten@truong.edu.vn:lecturer' }, entry);
      continue;
    }
    if (!role) {
      parseProblem('participants', 'unknown_value', { value: m[2] }, entry);
      continue;
    }
    participants.push({ personId, role });
    participantEntries.push(entry);
  }
  input.participants = participants;
  const entryOf = (column: Column | null, index: number | undefined) =>
    index === undefined ? undefined : column === 'organisers' ? organiserEntries[index] : column === 'counts' ? countEntries[index] : column === 'participants' ? participantEntries[index] : undefined;
  const withColumns = (issues: FieldIssue[]) =>
    issues.map((issue): Problem => {
      const { column, index } = columnOfField(issue.field);
      return { column, entry: entryOf(column, index), code: issue.code, params: issue.params, field: issue.field };
    });

  // The schema of createActivity, then its service rules: the same rules, column by column.
  const parsed = CreateActivity.safeParse(input);
  if (!parsed.success) {
    const taken = new Set(problems.map((p) => p.column));
    problems.push(...withColumns(issuesToFields(parsed.error.issues as Parameters<typeof issuesToFields>[0])).filter((p) => !taken.has(p.column)));
    return { row, problems };
  }
  const checked = activityIssues(deps, agreement, parsed.data, context);
  problems.push(...withColumns(checked.issues));
  if (!where.everywhere && !where.areas.has(parsed.data.areaKey) && !checked.issues.some((i) => i.field === 'areaKey')) {
    problems.push({ column: 'areaKey', code: 'not_area_recorder', field: 'areaKey' });
  }
  if (problems.length > 0) return { row, problems };
  return { row, problems, input: parsed.data, participants: checked.participants };
}
