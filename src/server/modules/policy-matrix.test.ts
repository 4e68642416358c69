import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenScope } from '../platform/context.ts';
import { buildConsortium, buildPerson, buildTenant, buildUnit, buildUser } from '../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Who may call which directory and admin route, written out as a table (not derived from
// platform/capabilities.ts, so a change to the capability table or a module policy that changes an answer
// fails here, naming the route and the actor). Every actor acts on its own institution's records, so the
// answers are about roles and scopes; tenancy (404 for others' records) is the cross-tenant walk's part.
const ACTORS = [
  'operator',
  'admin',
  'officer',
  'coordinator',
  'member',
  'student',
  'token:directory:read',
  'token:directory:write',
  'token:audit:read',
  'token:agreements:read',
  'token:agreements:write',
  'exam_organiser',
  'admissions_officer',
  'token:exams:read',
  'token:exams:write',
  'token:admissions:read',
  'token:admissions:write',
] as const;
type ActorName = (typeof ACTORS)[number];

const USERS: ActorName[] = ['operator', 'admin', 'officer', 'coordinator', 'member', 'student', 'exam_organiser', 'admissions_officer'];
const READERS: ActorName[] = [...USERS, 'token:directory:read', 'token:directory:write'];
const DIRECTORY_MANAGERS: ActorName[] = ['operator', 'admin', 'officer', 'token:directory:write'];
const ADMINS: ActorName[] = ['operator', 'admin'];
const OPERATOR: ActorName[] = ['operator'];
// Exams (modules/exams): who reads exams at all, who reads the own institution's candidates, who runs them.
const EXAM_READERS: ActorName[] = ['operator', 'admin', 'exam_organiser', 'admissions_officer', 'token:exams:read', 'token:exams:write'];
const EXAM_OWN_READERS: ActorName[] = ['operator', 'admin', 'exam_organiser', 'token:exams:read', 'token:exams:write'];
const EXAM_MANAGERS: ActorName[] = ['operator', 'admin', 'exam_organiser', 'token:exams:write'];
// Admissions (modules/admissions): the institution's admissions officers and admins; tokens read with either admissions
// scope and write with admissions:write.
const ADMISSIONS_READERS: ActorName[] = ['operator', 'admin', 'admissions_officer', 'token:admissions:read', 'token:admissions:write'];
const ADMISSIONS_MANAGERS: ActorName[] = ['operator', 'admin', 'admissions_officer', 'token:admissions:write'];

let t: TestApp;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
/** A consortium of the tenant and a partner institution, for consortium admission seasons. */
let consortiumId: string;
let partnerId: string;
const clients = {} as Record<ActorName, ApiClient>;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  tenant = await buildTenant(db);
  partnerId = (await buildTenant(db)).institution.id;
  consortiumId = (await buildConsortium(db, [tenant.institution.id, partnerId])).id;
  const operator = await buildUser(db, tenant.institution.id, ['platform_admin']);
  const coordinator = await buildUser(db, tenant.institution.id, ['coordinator']);
  const examOrganiser = await buildUser(db, tenant.institution.id, ['exam_organiser']);
  const admissionsOfficer = await buildUser(db, tenant.institution.id, ['admissions_officer']);
  const users = {
    operator,
    admin: tenant.admin,
    officer: tenant.officer,
    coordinator,
    member: tenant.member,
    student: tenant.student,
    exam_organiser: examOrganiser,
    admissions_officer: admissionsOfficer,
  };
  for (const [name, user] of Object.entries(users)) clients[name as ActorName] = await t.login(user.email);
  for (const actor of ACTORS.filter((a) => a.startsWith('token:'))) {
    const scope = actor.slice('token:'.length) as TokenScope;
    const created = await clients.admin.post('/api/v1/admin/api-tokens', { name: actor, scopes: [scope] });
    expect(created.status).toBe(201);
    clients[actor] = t.client().withToken(created.body.token);
  }
});
afterAll(() => t.close());

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
}

/** A route, how to call it on fresh records of the actor's institution, and who gets its success status. */
interface RouteCase {
  name: string;
  allowed: ActorName[];
  success: number;
  call: () => Promise<Call>;
}

const db = () => t.database.db;
const institutionId = () => tenant.institution.id;
async function institutionVersion() {
  // Archived or not, the institution is back as it was: each case starts from the same record.
  const row = await db().updateTable('institutions').set({ archived_at: null }).where('id', '=', institutionId()).returning('version').executeTakeFirstOrThrow();
  return row.version;
}
let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}${Math.random().toString(36).slice(2, 6)}`;

const ROUTES: RouteCase[] = [
  // ---- directory
  { name: 'GET /institutions', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/institutions' }) },
  { name: 'GET /institutions/:id', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/institutions/${institutionId()}` }) },
  {
    name: 'POST /institutions',
    allowed: OPERATOR,
    success: 201,
    call: async () => ({ method: 'POST', url: '/api/v1/institutions', body: { code: unique('N').toUpperCase().slice(0, 12), kind: 'university', country: 'VN', nameVi: 'Trường mới', nameEn: 'New school' } }),
  },
  {
    name: 'PATCH /institutions/:id (profile)',
    allowed: ADMINS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/institutions/${institutionId()}`, body: { city: unique('Huế '), version: await institutionVersion() } }),
  },
  {
    name: 'PATCH /institutions/:id (archive)',
    allowed: OPERATOR,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/institutions/${institutionId()}`, body: { archived: true, version: await institutionVersion() } }),
  },
  { name: 'GET /institutions/:id/units', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/institutions/${institutionId()}/units` }) },
  {
    name: 'POST /institutions/:id/units',
    allowed: DIRECTORY_MANAGERS,
    success: 201,
    call: async () => ({ method: 'POST', url: `/api/v1/institutions/${institutionId()}/units`, body: { kind: 'lab', nameVi: 'Phòng thí nghiệm', nameEn: 'Lab' } }),
  },
  { name: 'GET /units/:id', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/units/${(await buildUnit(db(), institutionId())).id}` }) },
  {
    name: 'PATCH /units/:id',
    allowed: DIRECTORY_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/units/${(await buildUnit(db(), institutionId())).id}`, body: { nameEn: 'Renamed', version: 1 } }),
  },
  { name: 'GET /people', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/people' }) },
  { name: 'GET /people/:id', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/people/${(await buildPerson(db(), institutionId())).id}` }) },
  {
    name: 'POST /institutions/:id/people',
    allowed: DIRECTORY_MANAGERS,
    success: 201,
    call: async () => ({ method: 'POST', url: `/api/v1/institutions/${institutionId()}/people`, body: { fullName: 'Người Mới' } }),
  },
  {
    name: 'PATCH /people/:id (details)',
    allowed: DIRECTORY_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/people/${(await buildPerson(db(), institutionId())).id}`, body: { positionEn: 'Lecturer', version: 1 } }),
  },
  {
    name: 'PATCH /people/:id (archive)',
    allowed: DIRECTORY_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/people/${(await buildPerson(db(), institutionId())).id}`, body: { archived: true, version: 1 } }),
  },
  { name: 'GET /consortia', allowed: READERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/consortia' }) },
  {
    name: 'POST /consortia',
    allowed: OPERATOR,
    success: 201,
    call: async () => ({ method: 'POST', url: '/api/v1/consortia', body: { code: unique('C'), nameVi: 'Liên minh', nameEn: 'Consortium', memberIds: [institutionId()] } }),
  },
  {
    name: 'PUT /consortia/:id/members',
    allowed: OPERATOR,
    success: 200,
    call: async () => ({ method: 'PUT', url: `/api/v1/consortia/${(await buildConsortium(db(), [institutionId()])).id}/members`, body: { memberIds: [institutionId()] } }),
  },
  // ---- admin
  { name: 'GET /admin/users', allowed: ADMINS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admin/users' }) },
  {
    name: 'PATCH /admin/users/:id',
    allowed: ADMINS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/admin/users/${(await buildUser(db(), institutionId(), ['member'])).id}`, body: { displayName: 'Đổi Tên', version: 1 } }),
  },
  { name: 'GET /admin/invitations', allowed: ADMINS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admin/invitations' }) },
  {
    name: 'POST /admin/invitations',
    allowed: ADMINS,
    success: 201,
    call: async () => ({ method: 'POST', url: '/api/v1/admin/invitations', body: { email: `${unique('invitee')}@example.test`, displayName: 'Khách Mời', roles: ['member'] } }),
  },
  {
    name: 'DELETE /admin/invitations/:id',
    allowed: ADMINS,
    success: 200,
    call: async () => {
      const created = await clients.admin.post('/api/v1/admin/invitations', { email: `${unique('revoked')}@example.test`, displayName: 'Khách', roles: ['member'] });
      return { method: 'DELETE', url: `/api/v1/admin/invitations/${created.body.id}` };
    },
  },
  { name: 'GET /admin/api-tokens', allowed: ADMINS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admin/api-tokens' }) },
  {
    name: 'POST /admin/api-tokens',
    allowed: ADMINS,
    success: 201,
    call: async () => ({ method: 'POST', url: '/api/v1/admin/api-tokens', body: { name: unique('machine'), scopes: ['directory:read'] } }),
  },
  {
    name: 'DELETE /admin/api-tokens/:id',
    allowed: ADMINS,
    success: 200,
    call: async () => {
      const created = await clients.admin.post('/api/v1/admin/api-tokens', { name: unique('revoked'), scopes: ['directory:read'] });
      return { method: 'DELETE', url: `/api/v1/admin/api-tokens/${created.body.id}` };
    },
  },
  { name: 'GET /admin/audit', allowed: [...ADMINS, 'token:audit:read'], success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admin/audit' }) },
  { name: 'GET /admin/outbox', allowed: ADMINS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admin/outbox' }) },
  { name: 'GET /me', allowed: USERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/me' }) },
  // ---- exams (of the actor's own institution; results shared with other institutions are exams.test.ts's part)
  { name: 'GET /exams', allowed: EXAM_READERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/exams' }) },
  { name: 'POST /exams', allowed: EXAM_MANAGERS, success: 201, call: async () => ({ method: 'POST', url: '/api/v1/exams', body: examDefinition() }) },
  { name: 'GET /exams/:id', allowed: EXAM_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}` }) },
  {
    name: 'PUT /exams/:id',
    allowed: EXAM_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PUT', url: `/api/v1/exams/${(await draftExam()).id}`, body: { ...examDefinition(), version: 1 } }),
  },
  {
    name: 'POST /exams/:id/publish',
    allowed: EXAM_MANAGERS,
    success: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/exams/${(await draftExam(true)).id}/publish`, body: { version: 1 } }),
  },
  { name: 'GET /exams/:id/candidates', allowed: EXAM_OWN_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}/candidates` }) },
  { name: 'GET /exams/:id/statistics', allowed: EXAM_OWN_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}/statistics` }) },
  { name: 'GET /exams/:id/access-log', allowed: EXAM_MANAGERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}/access-log` }) },
  {
    name: 'GET /exams/:id/import-template',
    allowed: EXAM_MANAGERS,
    success: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}/import-template?format=csv` }),
  },
  // Shared results are for other institutions: nobody reads the own institution's exam through them.
  { name: 'GET /exams/:id/shared-results', allowed: [], success: 200, call: async () => ({ method: 'GET', url: `/api/v1/exams/${(await draftExam()).id}/shared-results` }) },
  // ---- admissions (of the actor's own institution; another institution's records are the cross-tenant walk's part)
  { name: 'GET /admission-seasons', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: '/api/v1/admission-seasons' }) },
  {
    name: 'POST /admission-seasons',
    allowed: ADMISSIONS_MANAGERS,
    success: 201,
    call: async () => ({ method: 'POST', url: '/api/v1/admission-seasons', body: { titleVi: 'Tuyển sinh', titleEn: 'Admission', year: 2026 } }),
  },
  { name: 'GET /admission-seasons/:id', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-seasons/${await admissionSeason()}` }) },
  {
    name: 'PATCH /admission-seasons/:id',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/admission-seasons/${await admissionSeason()}`, body: { titleEn: 'Renamed', version: 1 } }),
  },
  { name: 'DELETE /admission-seasons/:id', allowed: ADMISSIONS_MANAGERS, success: 200, call: async () => ({ method: 'DELETE', url: `/api/v1/admission-seasons/${await admissionSeason()}` }) },
  { name: 'DELETE /admission-programs/:id', allowed: ADMISSIONS_MANAGERS, success: 200, call: async () => ({ method: 'DELETE', url: `/api/v1/admission-programs/${await admissionProgram()}` }) },
  { name: 'GET /admission-seasons/:id/programs', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-seasons/${await admissionSeason()}/programs` }) },
  {
    name: 'POST /admission-seasons/:id/programs',
    allowed: ADMISSIONS_MANAGERS,
    success: 201,
    call: async () => ({ method: 'POST', url: `/api/v1/admission-seasons/${await admissionSeason()}/programs`, body: await programBody() }),
  },
  {
    name: 'PATCH /admission-programs/:id',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/admission-programs/${await admissionProgram()}`, body: { quota: 7, version: 1 } }),
  },
  {
    name: 'POST /admission-seasons/:id/runs',
    allowed: ADMISSIONS_MANAGERS,
    success: 202,
    call: async () => ({ method: 'POST', url: `/api/v1/admission-seasons/${await admissionSeason()}/runs`, body: { kind: 'dry' } }),
  },
  { name: 'GET /admission-seasons/:id/runs', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-seasons/${await admissionSeason()}/runs` }) },
  { name: 'GET /admission-runs/:id', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-runs/${await admissionRun('queued')}` }) },
  { name: 'POST /admission-runs/:id/cancel', allowed: ADMISSIONS_MANAGERS, success: 200, call: async () => ({ method: 'POST', url: `/api/v1/admission-runs/${await admissionRun('queued')}/cancel` }) },
  { name: 'GET /admission-runs/:id/results', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-runs/${await admissionRun('done')}/results` }) },
  { name: 'GET /admission-runs/:id/summary', allowed: ADMISSIONS_READERS, success: 200, call: async () => ({ method: 'GET', url: `/api/v1/admission-runs/${await admissionRun('done')}/summary` }) },
  {
    name: 'GET /admission-runs/:id/compare',
    allowed: ADMISSIONS_READERS,
    success: 200,
    call: async () => {
      const [a, b] = await admissionRunPair();
      return { method: 'GET', url: `/api/v1/admission-runs/${a}/compare?with=${b}` };
    },
  },
  { name: 'POST /admission-runs/:id/publish', allowed: ADMISSIONS_MANAGERS, success: 200, call: async () => ({ method: 'POST', url: `/api/v1/admission-runs/${await admissionRun('done', 'final')}/publish`, body: { version: 1 } }) },
  ...['assignments.csv', 'cutoffs.csv', 'results.xlsx', 'programs.csv', 'applications.csv'].map((file): RouteCase => ({
    name: `GET /admission-runs/:id/${file}`,
    allowed: ADMISSIONS_READERS,
    success: 200,
    call: async () => ({ method: 'GET' as const, url: `/api/v1/admission-runs/${await admissionRun('done')}/${file}` }),
  })),
  {
    name: 'GET /admission-seasons/:id/equivalence-tables',
    allowed: ADMISSIONS_READERS,
    success: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/admission-seasons/${await admissionSeason()}/equivalence-tables` }),
  },
  {
    name: 'POST /admission-seasons/:id/equivalence-tables',
    allowed: ADMISSIONS_MANAGERS,
    success: 201,
    call: async () => ({ method: 'POST', url: `/api/v1/admission-seasons/${await admissionSeason()}/equivalence-tables`, body: { name: 'HSA', segments: EQUIVALENCE_SEGMENTS } }),
  },
  {
    name: 'PATCH /admission-equivalence-tables/:id',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PATCH', url: `/api/v1/admission-equivalence-tables/${await equivalenceTable()}`, body: { name: 'HSA2', version: 1 } }),
  },
  {
    name: 'DELETE /admission-equivalence-tables/:id',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'DELETE', url: `/api/v1/admission-equivalence-tables/${await equivalenceTable()}` }),
  },
  {
    name: 'PUT /admission-seasons/:id/members (add)',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PUT', url: `/api/v1/admission-seasons/${await consortiumSeason(false)}/members`, body: { institutionIds: [partnerId], version: 1 } }),
  },
  {
    name: 'PUT /admission-seasons/:id/members (remove)',
    allowed: ADMISSIONS_MANAGERS,
    success: 200,
    call: async () => ({ method: 'PUT', url: `/api/v1/admission-seasons/${await consortiumSeason(true)}/members`, body: { institutionIds: [], version: 1 } }),
  },
];

/** A consortium season of the actor's institution (its consortium holds the partner), with the partner as a member when asked. */
async function consortiumSeason(withPartner: boolean) {
  const { id } = await db()
    .insertInto('admission_seasons')
    .values({ institution_id: institutionId(), consortium_id: consortiumId, title_vi: 'Xét tuyển chung', title_en: 'Joint admission', year: 2026 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (withPartner) await db().insertInto('admission_season_members').values({ season_id: id, institution_id: partnerId }).execute();
  return id;
}

/** A season of the actor's institution, written straight to the database. */
async function admissionSeason() {
  const { id } = await db()
    .insertInto('admission_seasons')
    .values({ institution_id: institutionId(), title_vi: 'Tuyển sinh', title_en: 'Admission', year: 2026 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const EQUIVALENCE_SEGMENTS = [{ a: 0, b: 150, c: 0, d: 30 }];

/** An equivalence table of a season of the actor's institution, written straight to the database. */
async function equivalenceTable() {
  const { id } = await db()
    .insertInto('admission_equivalence_tables')
    .values({ season_id: await admissionSeason(), institution_id: institutionId(), name: 'HSA', segments: JSON.stringify(EQUIVALENCE_SEGMENTS) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function programBody() {
  return { code: unique('P'), nameVi: 'Ngành', nameEn: 'Program', quota: 5, methods: [{ methodId: 'M1', components: [{ examId: (await draftExam()).id, subject: 'math', weight: 1 }] }] };
}

async function admissionProgram() {
  const seasonId = await admissionSeason();
  const body = await programBody();
  const { id } = await db()
    .insertInto('admission_programs')
    .values({ season_id: seasonId, institution_id: institutionId(), code: body.code, name_vi: body.nameVi, name_en: body.nameEn, quota: body.quota, methods: JSON.stringify(body.methods) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function admissionRun(status: 'queued' | 'done', kind: 'dry' | 'final' = 'dry', seasonId?: string) {
  const { id } = await db()
    .insertInto('admission_runs')
    .values({ season_id: seasonId ?? (await admissionSeason()), institution_id: institutionId(), kind, status, started_by_label: 'matrix' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Two done runs of one season. */
async function admissionRunPair() {
  const seasonId = await admissionSeason();
  return [await admissionRun('done', 'dry', seasonId), await admissionRun('done', 'dry', seasonId)];
}

function examDefinition() {
  return {
    code: unique('E'),
    titleVi: 'Kỳ thi',
    titleEn: 'Exam',
    year: 2026,
    rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
    subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
  };
}

/** A draft exam of the actor's institution (with one candidate when asked), written straight to the database. */
async function draftExam(withCandidate = false) {
  const { id } = await db()
    .insertInto('exams')
    .values({ institution_id: institutionId(), code: unique('E'), title_vi: 'Kỳ thi', title_en: 'Exam', year: 2026 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const round = await db()
    .insertInto('exam_rounds')
    .values({ exam_id: id, key: 'r1', position: 0, name_vi: 'Đợt 1', name_en: 'Round 1', start_date: '2026-05-23', end_date: '2026-05-24', venues: ['Hà Nội'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('exam_subjects')
    .values({ exam_id: id, key: 'math', position: 0, name_vi: 'Toán', name_en: 'Mathematics', min_score: 0, max_score: 10, step: 0.25 })
    .execute();
  if (withCandidate) {
    await db()
      .insertInto('exam_candidates')
      .values({ exam_id: id, number: unique('N'), full_name: 'Thí Sinh', date_of_birth: '2008-01-01', round_id: round.id, venue: 'Hà Nội' })
      .execute();
  }
  return { id };
}

const cases = ROUTES.flatMap((route) => ACTORS.map((actor) => ({ route: route.name, actor, expected: route.allowed.includes(actor) ? route.success : 403, call: route.call })));

describe('directory, admin, exam and admission routes × roles and token scopes', () => {
  it('covers every actor kind and every route of the table', () => {
    expect(cases).toHaveLength(ROUTES.length * ACTORS.length);
  });

  it.each(cases)('$route as $actor → $expected', async ({ actor, expected, call }) => {
    const { method, url, body } = await call();
    const res = await clients[actor].request(method, url, body);
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    if (expected === 403) expect(res.body.error.code).toBe('forbidden');
  });
});
