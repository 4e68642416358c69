import type { TFunction } from 'i18next';
import type { AgreementContent } from '../../../contracts/agreements.ts';
import { hasKey } from '../../../locales/index.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { currentLanguage } from '../../lib/i18n.ts';
import type { DiffEntry } from './queries.ts';

// A change between two versions, in words: "Target t1 of area “Training” — Value: 100 → 150".
// Paths come from the server's content diff: `titleEn`, `areas[training].targets[t1].value`,
// `parties[<institutionId>]`, `areas[research].contacts[<institutionId>].personId`, `areas.order`.

export interface DiffNames {
  /** Party codes by institution id. */
  codes: Record<string, string>;
  /** People by id (the agreement's points of contact). */
  people: Record<string, { fullName: string; title: string | null }>;
  /** Contents the entries may refer to (both versions), for area titles. */
  contents: AgreementContent[];
  /** Metric names by code. */
  metrics?: Record<string, { nameVi: string; nameEn: string }>;
}

export interface DiffRow {
  change: DiffEntry['change'];
  /** Where in the agreement, e.g. "Target t1 of area “Training”". */
  where: string;
  /** Which field, e.g. "Value"; empty when a whole item was added or removed. */
  field: string;
  before: string;
  after: string;
}

interface Segment {
  name: string;
  key?: string;
}

export function parsePath(path: string): Segment[] {
  return path.split(/\.(?![^[]*\])/).map((part) => {
    const match = /^([A-Za-z]+)(?:\[(.+)\])?$/.exec(part);
    return match ? { name: match[1], key: match[2] } : { name: part };
  });
}

const DATE_FIELDS = new Set(['signingDate', 'startDate', 'endDate', 'periodStart', 'periodEnd', 'noticeDate']);
const INSTITUTION_FIELDS = new Set(['institutionId', 'fromInstitutionId', 'toInstitutionId']);

function areaTitle(names: DiffNames, key: string): string {
  for (const content of [...names.contents].reverse()) {
    const area = content.areas.find((a) => a.key === key);
    if (area) return currentLanguage() === 'vi' ? area.titleVi : area.titleEn;
  }
  return key;
}

const code = (names: DiffNames, id: string) => names.codes[id] ?? id.slice(0, 8);
const person = (names: DiffNames, id: string) => {
  const p = names.people[id];
  return p ? [p.title, p.fullName].filter(Boolean).join(' ') : id.slice(0, 8);
};

function metricName(t: TFunction, names: DiffNames, metric: string): string {
  const known = names.metrics?.[metric];
  if (known) return currentLanguage() === 'vi' ? known.nameVi : known.nameEn;
  return hasKey(currentLanguage(), `metrics.${metric}`) ? t(`metrics.${metric}`) : metric;
}

/** One value in words, according to the field it belongs to. */
export function describeValue(t: TFunction, names: DiffNames, field: string, value: unknown, inArea: boolean, list?: string): string {
  if (value === undefined) return '';
  if (value === null || value === '') {
    if (field === 'toInstitutionId') return t('agreements.allOtherParties');
    if (field === 'endDate') return t('agreements.openEnded');
    return '—';
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) {
    return value.map((item) => (list === 'parties' ? code(names, String(item)) : list === 'areas' ? areaTitle(names, String(item)) : String(item))).join(', ');
  }
  if (typeof value === 'object') {
    const item = value as Record<string, unknown>;
    if (list === 'parties') return code(names, String(item.institutionId));
    if (list === 'contacts') return `${code(names, String(item.institutionId))}: ${person(names, String(item.personId))}`;
    if (list === 'areas') return String(currentLanguage() === 'vi' ? item.titleVi : item.titleEn);
    if (list === 'targets') {
      return `${metricName(t, names, String(item.metric))}: ${formatNumber(Number(item.value))} (${formatDate(String(item.periodStart))} – ${formatDate(String(item.periodEnd))})`;
    }
    if (list === 'commitments') return String(currentLanguage() === 'vi' ? item.textVi : item.textEn);
    return JSON.stringify(value);
  }
  const text = String(value);
  if (DATE_FIELDS.has(field)) return formatDate(text);
  if (INSTITUTION_FIELDS.has(field)) return code(names, text);
  if (field === 'personId') return person(names, text);
  if (field === 'metric') return metricName(t, names, text);
  if (field === 'kind') return t(inArea ? `areaKinds.${text}` : `agreementKinds.${text}`);
  if (field === 'renewal') return t(`agreements.renewal.${text}`);
  return text;
}

export function describeEntry(t: TFunction, names: DiffNames, entry: DiffEntry): DiffRow {
  const segments = parsePath(entry.path);
  const places: string[] = [];
  let field = '';
  let list: string | undefined;
  let inArea = false;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment.key !== undefined) {
      list = segment.name;
      if (segment.name === 'areas') {
        inArea = true;
        places.push(t('agreements.diff.area', { title: areaTitle(names, segment.key) }));
      } else if (segment.name === 'targets') places.push(t('agreements.diff.target', { key: segment.key }));
      else if (segment.name === 'commitments') places.push(t('agreements.diff.commitment', { key: segment.key }));
      else if (segment.name === 'contacts') places.push(t('agreements.diff.contact', { party: code(names, segment.key) }));
      else if (segment.name === 'parties') places.push(t('agreements.diff.party', { party: code(names, segment.key) }));
      else places.push(`${segment.name}[${segment.key}]`);
      if (!last) list = undefined;
      return;
    }
    if (segment.name === 'order') {
      const of = segments[index - 1]?.name ?? '';
      field = t('agreements.diff.order', { list: hasKey(currentLanguage(), `fields.${of}`) ? t(`fields.${of}`) : of });
      return;
    }
    if (last) {
      field = hasKey(currentLanguage(), `fields.${segment.name}`) ? t(`fields.${segment.name}`) : segment.name;
      list = segment.name;
    }
  });
  // Places read innermost first: "Target t1 · Area “Training”".
  const joined = places.reverse().join(' · ') || field;
  const where = joined.charAt(0).toLocaleUpperCase() + joined.slice(1);
  const orderList = segments.length >= 2 && segments[segments.length - 1].name === 'order' ? segments[segments.length - 2].name : undefined;
  const valueField = segments[segments.length - 1]?.name ?? '';
  const listForValue = orderList ?? (segments[segments.length - 1]?.key !== undefined ? segments[segments.length - 1].name : list);
  return {
    change: entry.change,
    where,
    field: places.length > 0 ? field : '',
    before: describeValue(t, names, valueField, entry.before, inArea, listForValue),
    after: describeValue(t, names, valueField, entry.after, inArea, listForValue),
  };
}

/** One sentence per change, for screen readers and compact lists. */
export function sentence(t: TFunction, row: DiffRow): string {
  const subject = row.field ? `${row.where} — ${row.field}` : row.where;
  if (row.change === 'added') return t('agreements.diff.added', { subject, value: row.after });
  if (row.change === 'removed') return t('agreements.diff.removed', { subject, value: row.before });
  return t('agreements.diff.changed', { subject, before: row.before, after: row.after });
}
