import { createHash } from 'node:crypto';
import type { Tx } from '../platform/db.ts';
import { type DemoActivity, demoActivities, validateDemoActivities } from './data/activities.ts';
import { demoAgreements, officerAccounts } from './data/agreements.ts';
import { demoAccounts } from './data/index.ts';
import type { DemoIds } from './load.ts';

// Loads the demo activities (data/activities.ts) inside the demo transaction, after the agreements: the same rows
// the activities service writes (activities, activity_organisers, activity_participants, activity_counts), every
// activity marked `is_sample`, recorded by the first organiser's cooperation officer, with timestamps taken from
// the data rather than the clock. Ids are derived from the data's keys, and every insert skips rows that already
// exist, so loading twice changes nothing (the demo as a whole loads once: load.ts marks it in app_meta).

/** A stable uuid (version 8, name-based) for a demo record key. */
export function demoUuid(key: string): string {
  const h = createHash('sha256').update(`hoptac-demo:${key}`).digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const activityId = (key: string) => demoUuid(`activity:${key}`);

const CREATED_BY = '2026-11-26T16:00:00+07:00';
const PLANNED_BY = '2026-11-20T09:00:00+07:00';
const DAY = 86_400_000;
const at = (date: string, days: number, time: string) => new Date(Date.parse(`${date}T${time}:00+07:00`) + days * DAY).toISOString();
const earliest = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/** When the activity was recorded and last changed: done ones soon after they ended, plans weeks ahead. */
function timesOf(a: DemoActivity): { created: string; updated: string } {
  if (a.status === 'done') {
    const created = earliest(at(a.end ?? a.start, 2, '16:00'), CREATED_BY);
    return { created, updated: created };
  }
  const created = earliest(at(a.start, -45, '09:00'), PLANNED_BY);
  return { created, updated: a.status === 'cancelled' ? earliest(at(a.start, -5, '10:00'), PLANNED_BY) : created };
}

/** The ids of the demo agreements, by their data key (found by title and start date: the loader keeps no key). */
async function demoAgreementIds(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('agreements').select(['id', 'title_vi', 'start_date']).where('is_sample', '=', true).execute();
  const out = new Map<string, string>();
  for (const ag of demoAgreements) {
    const content = ag.versions[ag.versions.length - 1].content;
    const found = rows.filter((r) => r.title_vi === content.titleVi && String(r.start_date) === content.startDate);
    if (found.length !== 1) throw new Error(`demo activities: agreement ${ag.key} found ${found.length} times`);
    out.set(ag.key, found[0].id);
  }
  return out;
}

export async function loadDemoActivities(tx: Tx, ids: DemoIds): Promise<void> {
  const problems = validateDemoActivities();
  if (problems.length > 0) throw new Error(`demo activities are inconsistent:\n${problems.join('\n')}`);
  const agreementIds = await demoAgreementIds(tx);
  const officers = officerAccounts(demoAccounts);
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`demo activities: unknown ${what}`);
    return value;
  };
  const inst = (code: string) => need(ids.institutions.get(code), `institution ${code}`);
  const personInstitution = new Map<string, string>(
    (await tx.selectFrom('people').select(['id', 'institution_id']).execute()).map((p) => [p.id, p.institution_id]),
  );

  const activities = [];
  const organisers = [];
  const participants = [];
  const counts = [];
  for (const a of demoActivities) {
    const id = activityId(a.key);
    const officer = officers.get(a.organisers[0]) ?? null;
    const { created, updated } = timesOf(a);
    activities.push({
      id,
      agreement_id: need(agreementIds.get(a.agreement), `agreement ${a.agreement}`),
      area_key: a.area,
      kind: a.kind,
      status: a.status,
      title_vi: a.titleVi,
      title_en: a.titleEn,
      description_vi: a.descriptionVi ?? '',
      description_en: a.descriptionEn ?? '',
      start_date: a.start,
      end_date: a.end ?? a.start,
      place: a.place,
      online: a.online ?? false,
      outcomes: a.outcomes ?? '',
      is_public: a.isPublic ?? false,
      series_id: a.series ? demoUuid(`activity-series:${a.series}`) : null,
      is_sample: true,
      created_by: officer ? (ids.users.get(officer) ?? null) : null,
      created_by_label: officer ?? 'demo',
      created_at: created,
      updated_at: updated,
    });
    for (const code of a.organisers) organisers.push({ activity_id: id, institution_id: inst(code) });
    for (const p of a.participants ?? []) {
      const personId = need(ids.people.get(p.person), `person ${p.person}`);
      participants.push({ activity_id: id, person_id: personId, institution_id: need(personInstitution.get(personId), `person ${p.person}`), role: p.role });
    }
    for (const c of a.counts ?? []) counts.push({ activity_id: id, institution_id: inst(c.institution), role: c.role, count: c.count });
  }

  await tx.insertInto('activities').values(activities).onConflict((oc) => oc.column('id').doNothing()).execute();
  await tx.insertInto('activity_organisers').values(organisers).onConflict((oc) => oc.constraint('activity_organisers_pkey').doNothing()).execute();
  if (participants.length > 0) {
    await tx.insertInto('activity_participants').values(participants).onConflict((oc) => oc.constraint('activity_participants_pkey').doNothing()).execute();
  }
  if (counts.length > 0) {
    await tx.insertInto('activity_counts').values(counts).onConflict((oc) => oc.constraint('activity_counts_pkey').doNothing()).execute();
  }
}
