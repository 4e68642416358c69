import type { z } from 'zod';
import type { CreateDelegation, GuestInput, ProgrammeItem, UpdateDelegation } from '../../../../contracts/delegations.ts';
import { yearProblem } from '../../../../engines/agreements/date-rules.ts';
import { tenantScope } from '../../../platform/access.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError, type FieldIssue } from '../../../platform/errors.ts';
import { dateRulesOf } from '../../agreements/service.ts';
import * as repo from '../repository.ts';
import type { Agreement } from './find-delegation.ts';
import { programmeOf } from './present-delegation.ts';

// The rules of a delegation a schema cannot express, and how its request's fields are stored.

/** The delegation as a change would leave it: what the rules look at. */
export interface Candidate {
  direction: 'incoming' | 'outgoing';
  institutionId: string;
  partnerId: string;
  areaKey: string;
  startDate: string;
  endDate: string;
  members: { personId: string; role: string }[];
  guests: GuestInput[];
  programme: ProgrammeItem[];
}

/** The stored delegation `row` with what `change` gives instead (members and guests: as they will be). */
export function candidateOf(
  row: repo.DelegationRow,
  change: Partial<Pick<Candidate, 'partnerId' | 'areaKey' | 'startDate' | 'endDate' | 'programme'>> & Pick<Candidate, 'members' | 'guests'>,
): Candidate {
  return {
    direction: row.direction,
    institutionId: row.institution_id,
    partnerId: change.partnerId ?? row.partner_id,
    areaKey: change.areaKey ?? row.area_key,
    startDate: change.startDate ?? row.start_date,
    endDate: change.endDate ?? row.end_date,
    members: change.members,
    guests: change.guests,
    programme: change.programme ?? programmeOf(row),
  };
}

/** Items of the programme outside the visit, each naming its date. */
export function programmeIssues(programme: readonly ProgrammeItem[], start: string, end: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  programme.forEach((p, i) => {
    if (p.date < start || p.date > end) issues.push({ field: `programme.${i}.date`, code: 'outside_visit', params: { start, end } });
  });
  return issues;
}

/** Every rule a schema cannot express, each with the field it is about; a 400 naming them all. */
export async function checkDelegation(deps: AppDeps, tx: Tx, ctx: RequestContext, agreement: Agreement, d: Candidate, keptArea?: string) {
  const issues: FieldIssue[] = [];
  const parties = new Set(agreement.party_ids);
  if (!parties.has(d.partnerId) || d.partnerId === d.institutionId) issues.push({ field: 'partnerId', code: 'not_a_party' });
  const areas = await repo.areaKeysOf(tx, agreement.id);
  if (!areas.includes(d.areaKey) && d.areaKey !== keptArea) issues.push({ field: 'areaKey', code: 'unknown_reference' });
  const rules = dateRulesOf(deps);
  for (const field of ['startDate', 'endDate'] as const) {
    for (const p of yearProblem(field, d[field], rules)) issues.push({ field, code: p.code, params: p.params });
  }
  if (d.endDate < d.startDate) issues.push({ field: 'endDate', code: 'before_start' });
  const period = { start: agreement.start_date, end: agreement.end_date ?? '9999-12-31' };
  const periodParams = { start: agreement.start_date, end: agreement.end_date ?? '…' };
  if (d.startDate < period.start || d.startDate > period.end) issues.push({ field: 'startDate', code: 'outside_agreement_period', params: periodParams });
  else if (d.endDate < period.start || d.endDate > period.end) issues.push({ field: 'endDate', code: 'outside_agreement_period', params: periodParams });
  if (d.direction === 'outgoing' && d.guests.length > 0) issues.push({ field: 'guests', code: 'incoming_only' });
  const passports = new Set<string>();
  d.guests.forEach((g, i) => {
    if (g.passportExpiry < d.endDate) issues.push({ field: `guests.${i}.passportExpiry`, code: 'passport_expires', params: { end: d.endDate } });
    if (g.dateOfBirth > rules.today) issues.push({ field: `guests.${i}.dateOfBirth`, code: 'future_date', params: { today: rules.today } });
    for (const p of yearProblem(`guests.${i}.dateOfBirth`, g.dateOfBirth, { minYear: 1900, maxYear: rules.maxYear })) {
      issues.push({ field: p.path, code: p.code, params: p.params });
    }
    const key = `${g.nationality}/${g.passportNumber}`;
    if (passports.has(key)) issues.push({ field: `guests.${i}.passportNumber`, code: 'duplicate' });
    passports.add(key);
  });
  const people = new Set((await repo.peopleOf(tx, tenantScope(ctx), d.institutionId, d.members.map((m) => m.personId))).map((p) => p.id));
  const named = new Set<string>();
  d.members.forEach((m, i) => {
    if (!people.has(m.personId)) issues.push({ field: `members.${i}.personId`, code: 'unknown_reference' });
    else if (named.has(m.personId)) issues.push({ field: `members.${i}.personId`, code: 'duplicate' });
    named.add(m.personId);
  });
  issues.push(...programmeIssues(d.programme, d.startDate, d.endDate));
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

/** The columns a request names, the same for a new request and an edit. */
type Editable =
  | 'partner_id'
  | 'area_key'
  | 'title_vi'
  | 'title_en'
  | 'purpose_vi'
  | 'purpose_en'
  | 'start_date'
  | 'end_date'
  | 'budget_source'
  | 'budget_note'
  | 'lodging'
  | 'programme';
type NewColumns = Pick<Parameters<typeof repo.insertDelegation>[1], Editable>;
type ChangedColumns = Pick<Parameters<typeof repo.updateDelegation>[2], Editable>;

/**
 * The columns of `delegations` the request's fields are stored in: every one for a new request; for an edit, those
 * given (undefined: the column stays as it is).
 */
export function columnsOf(input: z.infer<typeof CreateDelegation>): NewColumns;
export function columnsOf(input: z.infer<typeof UpdateDelegation>): ChangedColumns;
export function columnsOf(input: z.infer<typeof CreateDelegation> | z.infer<typeof UpdateDelegation>): ChangedColumns {
  return {
    partner_id: input.partnerId,
    area_key: input.areaKey,
    title_vi: input.titleVi,
    title_en: input.titleEn,
    purpose_vi: input.purposeVi,
    purpose_en: input.purposeEn,
    start_date: input.startDate,
    end_date: input.endDate,
    budget_source: input.budgetSource,
    budget_note: input.budgetNote,
    lodging: input.lodging,
    programme: input.programme === undefined ? undefined : JSON.stringify(input.programme),
  };
}

export const guestValues = (g: GuestInput): repo.GuestValues => ({ ...g, title: g.title ?? '' });

/** A stored guest's personal data, as it was given (the handling office only). */
export const guestOf = (g: Awaited<ReturnType<typeof repo.guestsOf>>[number]): GuestInput => ({
  fullName: g.full_name!,
  title: g.title ?? '',
  gender: g.gender!,
  dateOfBirth: g.date_of_birth!,
  nationality: g.nationality!,
  passportNumber: g.passport_number!,
  passportExpiry: g.passport_expiry!,
});

/** The guests whose personal data is still kept. */
export const storedGuests = (rows: Awaited<ReturnType<typeof repo.guestsOf>>): GuestInput[] => rows.filter((g) => g.erased_at === null).map(guestOf);
