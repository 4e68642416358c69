import { getJson, readHeaders, request, type Session } from './load-client.ts';
import { pick } from './load-runner.ts';

// What a demo user sees and may do, found through the API as the web app would (agreements, those it reads
// whole, those under which it may record activities, its institution's people), and activity bodies it may send.

export const KINDS = ['seminar', 'workshop', 'training_course', 'visit', 'conference', 'other'];
export const YEAR = new Date().getUTCFullYear();

export interface Recordable {
  agreementId: string;
  areaKeys: string[];
  start: string;
  end: string | null;
}
export interface UserWorld {
  email: string;
  institutionId: string;
  agreements: string[];
  /** Those it reads whole, with their activities (a party's users). */
  partyAgreements: string[];
  recordable: Recordable[];
  people: string[];
  dashboard: boolean;
}
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/** What a user sees and may do, found through the API as the web app would. */
export async function discover(base: string, session: Session): Promise<UserWorld> {
  const list = await getJson<{ items: { id: string; status: string }[] }>(base, '/api/v1/agreements?limit=100', session);
  const recordable: Recordable[] = [];
  const whole: string[] = [];
  for (const a of list.items) {
    const full = await getJson<{ view: string; content: { startDate: string; endDate: string | null; areas: { key: string }[] } }>(base, `/api/v1/agreements/${a.id}`, session);
    // Activities are read by those who read the agreement whole (a party's users); others get 404.
    const acts = await request(base, `/api/v1/agreements/${a.id}/activities?limit=1`, { headers: readHeaders(session) });
    if (acts.status !== 200) continue;
    whole.push(a.id);
    if (a.status !== 'active' && a.status !== 'expiring') continue;
    const perms = (JSON.parse(acts.body) as { permissions: { record: boolean; recordAreas: string[] } }).permissions;
    if (!perms.record && perms.recordAreas.length === 0) continue;
    // recordAreas: the areas it may record in (every area for a party's recorders); earlier releases answered
    // record: true with no areas for "everywhere".
    const areaKeys = perms.recordAreas.length > 0 ? perms.recordAreas : perms.record ? full.content.areas.map((x) => x.key) : [];
    if (areaKeys.length > 0) recordable.push({ agreementId: a.id, areaKeys, start: full.content.startDate, end: full.content.endDate });
  }
  const people = await getJson<{ items: { id: string }[] }>(base, `/api/v1/people?institutionId=${session.institutionId}&limit=50`, session);
  const dash = await request(base, `/api/v1/institutions/${session.institutionId}/dashboard?year=${YEAR}`, { headers: readHeaders(session) });
  return {
    email: session.email,
    institutionId: session.institutionId,
    agreements: list.items.map((x) => x.id),
    partyAgreements: whole,
    recordable,
    people: people.items.map((p) => p.id),
    dashboard: dash.status === 200,
  };
}

/** A done activity under one of the user's recordable agreements, dated within its period (up to yesterday). */
export function activityBody(w: UserWorld, r: Recordable, rnd: () => number, tag: string, n: number) {
  const yesterday = addDays(iso(new Date()), -1);
  let date = addDays(yesterday, -Math.floor(rnd() * 240));
  if (date < r.start) date = r.start;
  const future = r.start > yesterday;
  if (r.end && date > r.end) date = r.end;
  const participants = w.people.length ? [{ personId: pick(w.people, rnd), role: pick(['lecturer', 'researcher', 'staff'], rnd) }] : [];
  return {
    areaKey: pick(r.areaKeys, rnd),
    kind: pick(KINDS, rnd),
    status: future ? 'planned' : 'done',
    titleVi: `${tag} hoạt động ${n}`,
    titleEn: `${tag} activity ${n}`,
    startDate: date,
    endDate: date,
    organiserIds: [w.institutionId],
    participants,
    counts: rnd() < 0.5 ? [{ institutionId: w.institutionId, role: 'student', count: 1 + Math.floor(rnd() * 40) }] : [],
  };
}

