import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { CreateActivity, UpdateActivity } from '../../../contracts/activities.ts';
import { inputMessage, typedDateProblem, zodErrorsByPath } from '../../lib/form-errors.ts';
import type { Activity, CreateActivityBody } from './queries.ts';

// The activity form's values and what they become: the bodies the API takes, and the messages each input shows
// before anything is sent (the contract's checks and the date rules).

/** The activity form (Mantine) as its parts receive it, checked by `formErrors` (an edit's against `base`). */
export const useActivityForm = (initialValues: Values, base: Activity | undefined, dates: { minYear: number; maxYear: number }) =>
  useForm<Values>({ initialValues, validate: (values) => formErrors(values, base, dates) });
export type ActivityFormState = ReturnType<typeof useActivityForm>;

// `rowKey` keeps each row's inputs with it when another row is removed; it is never sent.
export type ParticipantRow = { rowKey: string; institutionId: string | null; personId: string | null; role: string; name?: string };
export type CountRow = { rowKey: string; institutionId: string | null; role: string; count: number | string };

export interface Values {
  areaKey: string | null;
  kind: string | null;
  status: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  startDate: string | null;
  endDate: string | null;
  place: string;
  online: boolean;
  outcomes: string;
  organiserIds: string[];
  participants: ParticipantRow[];
  counts: CountRow[];
  repeat: boolean;
  every: string | null;
  until: string | null;
}

export function fromActivity(activity: Activity): Values {
  return {
    areaKey: activity.areaKey,
    kind: activity.kind,
    status: activity.status,
    titleVi: activity.titleVi,
    titleEn: activity.titleEn,
    descriptionVi: activity.descriptionVi,
    descriptionEn: activity.descriptionEn,
    startDate: activity.startDate,
    endDate: activity.endDate,
    place: activity.place,
    online: activity.online,
    outcomes: activity.outcomes,
    organiserIds: activity.organisers.map((o) => o.institutionId),
    participants: activity.participants.map((p) => ({ rowKey: randomId(), institutionId: p.institutionId, personId: p.personId, role: p.role, name: p.name })),
    counts: activity.counts.map((c) => ({ rowKey: randomId(), institutionId: c.institutionId, role: c.role, count: c.count })),
    repeat: false,
    every: null,
    until: null,
  };
}

/** A new activity: done, in the only area offered (if one), organised by the caller's institution (if a party). */
export function blankValues(areaKey: string | null, organiserIds: string[]): Values {
  return {
    areaKey,
    kind: null,
    status: 'done',
    titleVi: '',
    titleEn: '',
    descriptionVi: '',
    descriptionEn: '',
    startDate: null,
    endDate: null,
    place: '',
    online: false,
    outcomes: '',
    organiserIds,
    participants: [],
    counts: [],
    repeat: false,
    every: 'month',
    until: null,
  };
}

/** The fields both bodies share, as the API expects them. */
export function common(values: Values) {
  return {
    areaKey: values.areaKey ?? '',
    kind: values.kind ?? undefined,
    status: values.status,
    titleVi: values.titleVi.trim(),
    titleEn: values.titleEn.trim(),
    descriptionVi: values.descriptionVi,
    descriptionEn: values.descriptionEn,
    startDate: values.startDate ?? undefined,
    endDate: values.endDate ?? undefined,
    place: values.place.trim(),
    online: values.online,
    outcomes: values.outcomes,
    organiserIds: values.organiserIds,
    participants: values.participants.map((p) => ({ personId: p.personId ?? '', role: p.role })),
    counts: values.counts.map((c) => ({ institutionId: c.institutionId ?? '', role: c.role, count: c.count === '' ? -1 : Number(c.count) })),
  };
}

export function createBody(values: Values): CreateActivityBody {
  const recurrence = values.repeat && values.status === 'planned' ? { every: values.every ?? '', until: values.until ?? '' } : null;
  return { ...common(values), recurrence } as CreateActivityBody;
}

/** Where a problem of the body shows in the form: `recurrence.until` under the "until" input. */
export const formPath = (path: string) => path.replace(/^recurrence\./, '');

/** The message under each input, before sending: the body's contract (an edit's when `base`), then the years dates may fall in. */
export function formErrors(values: Values, base: Activity | undefined, dates: { minYear: number; maxYear: number }): Record<string, string> {
  const payload = base ? { ...common(values), version: base.version } : createBody(values);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(zodErrorsByPath(base ? UpdateActivity : CreateActivity, payload))) {
    errors[formPath(path)] ??= message;
  }
  const start = typedDateProblem('startDate', values.startDate, dates, true);
  const end = typedDateProblem('endDate', values.endDate, dates, true);
  if (start) errors.startDate = start;
  else delete errors.startDate;
  if (end) errors.endDate = end;
  else if (values.startDate && values.endDate && values.endDate < values.startDate) errors.endDate = inputMessage('endDate', 'before_start');
  else delete errors.endDate;
  if (values.repeat && values.status === 'planned') {
    const until = typedDateProblem('until', values.until, dates, true);
    if (until) errors.until = until;
  }
  if (!values.areaKey) errors.areaKey = inputMessage('areaKey', 'required');
  if (!values.kind) errors.kind = inputMessage('kind', 'required');
  values.participants.forEach((p, i) => {
    if (!p.personId) errors[`participants.${i}.personId`] = inputMessage('personId', 'required');
  });
  values.counts.forEach((c, i) => {
    if (!c.institutionId) errors[`counts.${i}.institutionId`] = inputMessage('institutionId', 'required');
    if (c.count === '') errors[`counts.${i}.count`] = inputMessage('count', 'required');
  });
  return errors;
}
