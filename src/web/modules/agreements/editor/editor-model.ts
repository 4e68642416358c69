import type { AgreementContent } from '../../../../contracts/agreements.ts';
import { CreateAgreement } from '../../../../contracts/agreements.ts';
import { contentDateProblems, type DateRules } from '../../../../engines/agreements/date-rules.ts';
import type { FieldProblem } from '../../../lib/api.ts';
import { inputMessage, problemText, zodErrorsByPath } from '../../../lib/form-errors.ts';

// The agreement editor's values and how they become the API's AgreementContent (and back), its keys
// (stable slugs for areas, commitments and targets, generated), and where an error is shown: zod and
// server paths are dotted like `areas.0.titleVi`; contacts, one per party, are shown per institution.

export interface ContactValues {
  /** personId by party institutionId; null while nobody is chosen. */
  [institutionId: string]: string | null;
}

export interface CommitmentValues {
  key: string;
  fromInstitutionId: string | null;
  /** '' = all other parties. */
  toInstitutionId: string;
  textVi: string;
  textEn: string;
  quantity: number | string;
  perYear: boolean;
}

export interface TargetValues {
  key: string;
  metric: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  value: number | string;
}

export interface AreaValues {
  key: string;
  kind: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  contacts: ContactValues;
  commitments: CommitmentValues[];
  targets: TargetValues[];
}

export interface PartyValues {
  institutionId: string;
  unitId: string | null;
}

export interface EditorValues {
  kind: string;
  parentId: string | null;
  titleVi: string;
  titleEn: string;
  summaryVi: string;
  summaryEn: string;
  signingPlace: string;
  signingDate: string | null;
  startDate: string | null;
  endDate: string | null;
  renewal: string;
  renewalYears: number | string;
  visibility: string;
  parties: PartyValues[];
  areas: AreaValues[];
}

export function emptyValues(myInstitutionId: string): EditorValues {
  return {
    kind: 'mou',
    parentId: null,
    titleVi: '',
    titleEn: '',
    summaryVi: '',
    summaryEn: '',
    signingPlace: '',
    signingDate: null,
    startDate: null,
    endDate: null,
    renewal: 'none',
    renewalYears: '',
    visibility: 'parties',
    parties: [{ institutionId: myInstitutionId, unitId: null }],
    areas: [],
  };
}

const SLUG = /[^a-z0-9]+/g;

/** An area's key: its kind as a slug (`training`, `digital-transformation`), numbered when taken. */
export function areaKey(kind: string, taken: string[]): string {
  const base = kind.toLowerCase().replace(SLUG, '-').replace(/^-+|-+$/g, '') || 'area';
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** The next free key of a commitment (`c1`, `c2` …) or target (`t1` …) within its area. */
export function itemKey(prefix: 'c' | 't', taken: string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The names of an area kind in both languages (areaKinds.* of the locale files), proposed as an area's titles. */
export type KindTitles = (kind: string) => { vi: string; en: string };

/**
 * The titles an area gets when its kind becomes `kind`: each title that is empty, or still the name of the kind it
 * had (proposed, not written by the user), becomes the new kind's name in its language; "Other" proposes nothing.
 */
export function proposedTitles(area: Pick<AreaValues, 'kind' | 'titleVi' | 'titleEn'>, kind: string, names: KindTitles) {
  const before = names(area.kind);
  const after = kind === 'custom' ? { vi: '', en: '' } : names(kind);
  const untouched = (title: string, proposed: string) => title.trim() === '' || title === proposed;
  return {
    titleVi: untouched(area.titleVi, before.vi) ? after.vi : area.titleVi,
    titleEn: untouched(area.titleEn, before.en) ? after.en : area.titleEn,
  };
}

export function newArea(kind: string, areas: AreaValues[], names?: KindTitles): AreaValues {
  const titles = names ? proposedTitles({ kind: 'custom', titleVi: '', titleEn: '' }, kind, names) : { titleVi: '', titleEn: '' };
  return {
    key: areaKey(kind, areas.map((a) => a.key)),
    kind,
    ...titles,
    descriptionVi: '',
    descriptionEn: '',
    contacts: {},
    commitments: [],
    targets: [],
  };
}

export function newCommitment(area: AreaValues, fromInstitutionId: string | null): CommitmentValues {
  return {
    key: itemKey('c', area.commitments.map((c) => c.key)),
    fromInstitutionId,
    toInstitutionId: '',
    textVi: '',
    textEn: '',
    quantity: '',
    perYear: false,
  };
}

export function newTarget(area: AreaValues, period: { startDate: string | null; endDate: string | null }): TargetValues {
  return {
    key: itemKey('t', area.targets.map((t) => t.key)),
    metric: null,
    periodStart: period.startDate,
    periodEnd: period.endDate,
    value: '',
  };
}

const orNull = (value: number | string) => (value === '' || value === null ? null : Number(value));

/** The body the API expects. Nothing is dropped silently except contacts not chosen yet. */
export function toPayload(values: EditorValues) {
  const partyIds = values.parties.map((p) => p.institutionId);
  const content = {
    kind: values.kind,
    parentId: values.kind === 'specific' || values.kind === 'annex' ? values.parentId : null,
    titleVi: values.titleVi,
    titleEn: values.titleEn,
    summaryVi: values.summaryVi,
    summaryEn: values.summaryEn,
    signingPlace: values.signingPlace.trim() || null,
    signingDate: values.signingDate || null,
    startDate: values.startDate,
    endDate: values.endDate || null,
    renewal: values.renewal,
    renewalYears: values.renewal === 'none' ? null : orNull(values.renewalYears),
    parties: values.parties.map((p) => ({ institutionId: p.institutionId, unitId: p.unitId || null })),
    areas: values.areas.map((area) => ({
      key: area.key,
      kind: area.kind,
      titleVi: area.titleVi,
      titleEn: area.titleEn,
      descriptionVi: area.descriptionVi,
      descriptionEn: area.descriptionEn,
      contacts: partyIds
        .filter((institutionId) => area.contacts[institutionId])
        .map((institutionId) => ({ institutionId, personId: area.contacts[institutionId] as string })),
      commitments: area.commitments.map((c) => ({
        key: c.key,
        fromInstitutionId: c.fromInstitutionId,
        toInstitutionId: c.toInstitutionId || null,
        textVi: c.textVi,
        textEn: c.textEn,
        quantity: orNull(c.quantity),
        perYear: c.perYear,
      })),
      targets: area.targets.map((t) => ({
        key: t.key,
        metric: t.metric,
        periodStart: t.periodStart,
        periodEnd: t.periodEnd,
        value: orNull(t.value),
      })),
    })),
  };
  return { content: content as unknown as AgreementContent, visibility: values.visibility as 'parties' | 'consortium' | 'public' };
}

export function fromContent(content: AgreementContent, visibility: string): EditorValues {
  return {
    kind: content.kind,
    parentId: content.parentId,
    titleVi: content.titleVi,
    titleEn: content.titleEn,
    summaryVi: content.summaryVi,
    summaryEn: content.summaryEn,
    signingPlace: content.signingPlace ?? '',
    signingDate: content.signingDate,
    startDate: content.startDate,
    endDate: content.endDate,
    renewal: content.renewal,
    renewalYears: content.renewalYears ?? '',
    visibility,
    parties: content.parties.map((p) => ({ institutionId: p.institutionId, unitId: p.unitId })),
    areas: content.areas.map((area) => ({
      key: area.key,
      kind: area.kind,
      titleVi: area.titleVi,
      titleEn: area.titleEn,
      descriptionVi: area.descriptionVi,
      descriptionEn: area.descriptionEn,
      contacts: Object.fromEntries(area.contacts.map((c) => [c.institutionId, c.personId])),
      commitments: area.commitments.map((c) => ({
        key: c.key,
        fromInstitutionId: c.fromInstitutionId,
        toInstitutionId: c.toInstitutionId ?? '',
        textVi: c.textVi,
        textEn: c.textEn,
        quantity: c.quantity ?? '',
        perYear: c.perYear,
      })),
      targets: area.targets.map((t) => ({ ...t })),
    })),
  };
}

/**
 * Where the editor shows a problem reported at an API path (`content.areas.0.contacts.1.personId`):
 * the `content.` prefix goes, and a contact is shown at its party's picker (`areas.0.contacts.<id>`).
 */
export function editorPath(apiPath: string, payload: ReturnType<typeof toPayload>): string {
  const path = apiPath.replace(/^content\./, '');
  const contact = /^areas\.(\d+)\.contacts\.(\d+)(?:\..*)?$/.exec(path);
  if (contact) {
    const institutionId = payload.content.areas[Number(contact[1])]?.contacts[Number(contact[2])]?.institutionId;
    if (institutionId) return `areas.${contact[1]}.contacts.${institutionId}`;
  }
  return path;
}

/**
 * Client-side check with the contract and, given `dates` (the years from /me and today), the date rules the
 * server applies (engines/agreements/date-rules.ts); errors under the editor's paths.
 */
export function validateValues(values: EditorValues, dates?: DateRules): Record<string, string> {
  const payload = toPayload(values);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(zodErrorsByPath(CreateAgreement, payload))) {
    errors[editorPath(path, payload)] ??= message;
  }
  if (dates) {
    for (const problem of contentDateProblems(payload.content, dates)) {
      const field = problem.path.split('.').at(-1)!;
      errors[problem.path] ??= inputMessage(field, problem.code, problem.params);
    }
  }
  if (values.startDate && values.endDate && values.endDate < values.startDate) {
    errors.endDate ??= inputMessage('endDate', 'before_start');
  }
  return errors;
}

/** The server's field problems under the editor's paths, worded for under the inputs (without the field's name). */
export function serverErrors(problems: FieldProblem[], payload: ReturnType<typeof toPayload>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[editorPath(problem.field, payload)] ??= problemText(problem);
  return errors;
}

// Re-applying my edits on a version someone else saved meanwhile: a three-way merge of the content the
// edit started from (base), mine and theirs. What I changed wins; what only they changed is kept. Lists
// of keyed items (areas, commitments, targets; parties and contacts by institution) merge item by item.
const LIST_KEYS: Record<string, string> = { parties: 'institutionId', areas: 'key', contacts: 'institutionId', commitments: 'key', targets: 'key' };
type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: Json, b: Json) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function merge3(base: Json, mine: Json, theirs: Json, listKey?: string): Json {
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
    return Object.fromEntries(keys.map((key) => [key, merge3(base[key], mine[key], theirs[key], LIST_KEYS[key])]));
  }
  if (listKey && Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    const byKey = (list: Json[]) => new Map(list.filter(isObject).map((item) => [String(item[listKey]), item]));
    const [b, m, t] = [byKey(base), byKey(mine), byKey(theirs)];
    const mineReordered = !same([...m.keys()].filter((k) => b.has(k)), [...b.keys()].filter((k) => m.has(k)));
    const order = [...new Set(mineReordered ? [...m.keys(), ...t.keys()] : [...t.keys(), ...m.keys()])];
    return order.flatMap((key) => {
      const [inBase, inMine, inTheirs] = [b.get(key), m.get(key), t.get(key)];
      if (inBase && !inMine) return []; // I removed it
      if (inBase && !inTheirs) return same(inMine, inBase) ? [] : [inMine]; // they removed it; kept if I edited it
      if (!inBase) return [inMine ?? inTheirs]; // added by one of us (mine wins if both)
      return [merge3(inBase, inMine, inTheirs)];
    });
  }
  return mine;
}

export function mergeContent(base: AgreementContent, mine: AgreementContent, theirs: AgreementContent): AgreementContent {
  return merge3(base, mine, theirs) as AgreementContent;
}
