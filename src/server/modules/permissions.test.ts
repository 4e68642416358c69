import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type TokenScope, TOKEN_SCOPES } from '../platform/context.ts';
import { buildConsortium, buildPerson, buildTenant, buildUnit, buildUser } from '../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// The `permissions` the API answers are what the API then does: for every kind of account and token, on
// records of its own institution, of a consortium partner and (for people) its own person record, each
// permission that is true is an action that succeeds and each that is false one that is refused with 403.
// The web offers exactly these actions (src/web reads no roles), so this is also "the web never offers
// what the server refuses, nor hides what it allows".
let t: TestApp;
let own: Awaited<ReturnType<typeof buildTenant>>;
let partner: Awaited<ReturnType<typeof buildTenant>>;
let ownUnit: string;
let partnerUnit: string;
let ownPerson: string;
let partnerPerson: string;
/** The person each user account speaks for. */
const selfPerson = new Map<string, string>();
const actors: { name: string; client: ApiClient; isUser: boolean }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  own = await buildTenant(db);
  partner = await buildTenant(db);
  await buildConsortium(db, [own.institution.id, partner.institution.id]);
  ownUnit = (await buildUnit(db, own.institution.id)).id;
  partnerUnit = (await buildUnit(db, partner.institution.id)).id;
  ownPerson = (await buildPerson(db, own.institution.id)).id;
  partnerPerson = (await buildPerson(db, partner.institution.id, { visibility: 'consortium' })).id;
  const operator = await buildUser(db, own.institution.id, ['platform_admin']);
  const coordinator = await buildUser(db, own.institution.id, ['coordinator']);
  const examOrganiser = await buildUser(db, own.institution.id, ['exam_organiser']);
  const admissionsOfficer = await buildUser(db, own.institution.id, ['admissions_officer']);
  const users = {
    operator,
    admin: own.admin,
    officer: own.officer,
    coordinator,
    member: own.member,
    student: own.student,
    exam_organiser: examOrganiser,
    admissions_officer: admissionsOfficer,
  };
  for (const [name, user] of Object.entries(users)) {
    const person = await buildPerson(db, own.institution.id);
    await db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    selfPerson.set(name, person.id);
    actors.push({ name, client: await t.login(user.email), isUser: true });
  }
  const admin = await t.login(own.admin.email);
  for (const scope of TOKEN_SCOPES) {
    const created = await admin.post('/api/v1/admin/api-tokens', { name: `token ${scope}`, scopes: [scope satisfies TokenScope] });
    actors.push({ name: `token:${scope}`, client: t.client().withToken(created.body.token), isUser: false });
  }
});
afterAll(() => t.close());

const db = () => t.database.db;
/** Every permission checked, with the values seen: a check that only ever saw `true` (or `false`) proves little. */
const seen = new Map<string, Set<boolean>>();
function expected(allowed: boolean, success = 200, permission = 'other') {
  seen.set(permission, (seen.get(permission) ?? new Set()).add(allowed));
  return allowed ? success : 403;
}

/** Reads the record as the actor (its current version and permissions), or null when the actor may not read it. */
async function read(client: ApiClient, url: string) {
  const res = await client.get(url);
  if (res.status === 403) return null;
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
  expect(res.body.permissions, url).toBeDefined();
  return res.body;
}

describe('record permissions agree with the API', () => {
  it('for institutions: edit, archive and manageDirectory', async () => {
    for (const { name, client } of actors) {
      for (const id of [own.institution.id, partner.institution.id]) {
        const url = `/api/v1/institutions/${id}`;
        let record = await read(client, url);
        if (!record) continue;
        const label = `${name} on ${id === own.institution.id ? 'own' : 'partner'} institution`;
        const edit = await client.patch(url, { city: `Đà Nẵng ${name}`, version: record.version });
        expect(edit.status, `${label}: edit=${record.permissions.edit}`).toBe(expected(record.permissions.edit, 200, 'institution.edit'));
        record = await read(client, url);
        const archive = await client.patch(url, { archived: true, version: record.version });
        expect(archive.status, `${label}: archive=${record.permissions.archive}`).toBe(expected(record.permissions.archive, 200, 'institution.archive'));
        await db().updateTable('institutions').set({ archived_at: null }).where('id', '=', id).execute();
        const unit = await client.post(`${url}/units`, { kind: 'office', nameVi: 'Văn phòng', nameEn: 'Office' });
        expect(unit.status, `${label}: manageDirectory=${record.permissions.manageDirectory}`).toBe(expected(record.permissions.manageDirectory, 201, 'institution.manageDirectory'));
        const person = await client.post(`${url}/people`, { fullName: 'Người Mới' });
        expect(person.status, `${label}: manageDirectory=${record.permissions.manageDirectory}`).toBe(expected(record.permissions.manageDirectory, 201, 'institution.manageDirectory'));
        // The same record in a list carries the same permissions.
        const listed = (await client.get('/api/v1/institutions?limit=200')).body.items.find((i: { id: string }) => i.id === id);
        expect(listed.permissions, label).toEqual(record.permissions);
      }
    }
  });

  it('for units: edit', async () => {
    for (const { name, client } of actors) {
      for (const [where, id, institutionId] of [
        ['own', ownUnit, own.institution.id],
        ['partner', partnerUnit, partner.institution.id],
      ]) {
        const record = await read(client, `/api/v1/units/${id}`);
        if (!record) continue;
        const res = await client.patch(`/api/v1/units/${id}`, { nameEn: `Faculty ${name}`, version: record.version });
        expect(res.status, `${name} on ${where} unit: edit=${record.permissions.edit}`).toBe(expected(record.permissions.edit, 200, 'unit.edit'));
        const listed = (await client.get(`/api/v1/institutions/${institutionId}/units`)).body.items.find((u: { id: string }) => u.id === id);
        expect(listed.permissions, `${name} on ${where} unit`).toEqual(record.permissions);
      }
    }
  });

  it('for people: edit and archive, including the person of one’s own account', async () => {
    for (const { name, client } of actors) {
      const targets: [string, string][] = [
        ['own', ownPerson],
        ['partner', partnerPerson],
      ];
      const self = selfPerson.get(name);
      if (self) targets.push(['self', self]);
      for (const [where, id] of targets) {
        const url = `/api/v1/people/${id}`;
        let record = await read(client, url);
        if (!record) continue;
        const label = `${name} on ${where} person`;
        if (where === 'self') expect(record.permissions.edit, label).toBe(true);
        const edit = await client.patch(url, { positionEn: `Lecturer (${name})`, version: record.version });
        expect(edit.status, `${label}: edit=${record.permissions.edit}`).toBe(expected(record.permissions.edit, 200, 'person.edit'));
        record = await read(client, url);
        const archive = await client.patch(url, { archived: true, version: record.version });
        expect(archive.status, `${label}: archive=${record.permissions.archive}`).toBe(expected(record.permissions.archive, 200, 'person.archive'));
        await db().updateTable('people').set({ archived_at: null }).where('id', '=', id).execute();
        const listed = (await client.get(`/api/v1/people?institutionId=${record.institutionId}&limit=200`)).body.items.find((p: { id: string }) => p.id === id);
        expect(listed.permissions, label).toEqual(record.permissions);
      }
    }
  });
});

describe('GET /me permissions agree with the API', () => {
  it('for each kind of account: what the web may offer before any record is open', async () => {
    let n = 0;
    for (const { name, client, isUser } of actors) {
      const me = await client.get('/api/v1/me');
      if (!isUser) {
        expect(me.status, name).toBe(403); // a token has no session to describe
        continue;
      }
      const p = me.body.permissions;
      const label = (what: string) => `${name}: ${what}=${JSON.stringify(p[what])}`;
      n++;
      const code = `P${n}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
      expect((await client.post('/api/v1/institutions', { code, kind: 'institute', country: 'VN', nameVi: 'Viện', nameEn: 'Institute' })).status, label('createInstitution')).toBe(
        expected(p.createInstitution, 201, 'me.createInstitution'),
      );
      expect((await client.post('/api/v1/consortia', { code: `${code}C`, nameVi: 'Liên minh', nameEn: 'Consortium' })).status, label('manageConsortia')).toBe(
        expected(p.manageConsortia, 201, 'me.manageConsortia'),
      );
      expect((await client.get('/api/v1/admin/users')).status, label('manageAccounts')).toBe(expected(p.manageAccounts, 200, 'me.manageAccounts'));
      expect((await client.get('/api/v1/admin/invitations')).status, label('manageAccounts')).toBe(expected(p.manageAccounts, 200, 'me.manageAccounts'));
      expect((await client.get('/api/v1/admin/api-tokens')).status, label('manageAccounts')).toBe(expected(p.manageAccounts, 200, 'me.manageAccounts'));
      expect((await client.get('/api/v1/admin/audit')).status, label('readAudit')).toBe(expected(p.readAudit, 200, 'me.readAudit'));
      expect((await client.get('/api/v1/admin/outbox')).status, label('readOutbox')).toBe(expected(p.readOutbox, 200, 'me.readOutbox'));
      expect((await client.get('/api/v1/exams')).status, label('readExams')).toBe(expected(p.readExams, 200, 'me.readExams'));
      expect((await client.get('/api/v1/admission-seasons')).status, label('runAdmissions')).toBe(expected(p.runAdmissions, 200, 'me.runAdmissions'));
      const exam = await client.post('/api/v1/exams', {
        code: `${code}E`,
        titleVi: 'Kỳ thi',
        titleEn: 'Exam',
        year: 2026,
        rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-23', venues: ['Hà Nội'] }],
        subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25 }],
      });
      expect(exam.status, label('runExams')).toBe(expected(p.runExams, 201, 'me.runExams'));

      const contacts = [
        { institutionId: own.institution.id, personId: ownPerson },
        { institutionId: partner.institution.id, personId: partnerPerson },
      ];
      const draft = await client.post('/api/v1/agreements', {
        content: {
          kind: 'mou',
          titleVi: `Thỏa thuận của ${name}`,
          titleEn: `Agreement by ${name}`,
          startDate: '2027-01-01',
          parties: [{ institutionId: own.institution.id }, { institutionId: partner.institution.id }],
          areas: [{ key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research', contacts }],
        },
      });
      expect(draft.status, `${label('draftAgreement')} ${JSON.stringify(draft.body)}`).toBe(expected(p.draftAgreement, 201, 'me.draftAgreement'));

      if (!p.manageAccounts) expect(p.grantableRoles, name).toEqual([]);
      for (const role of ROLES) {
        const account = await buildUser(db(), own.institution.id, ['member']);
        const res = await client.patch(`/api/v1/admin/users/${account.id}`, { roles: [role], version: 1 });
        expect(res.status, `${name} grants ${role}: grantableRoles=${JSON.stringify(p.grantableRoles)}`).toBe(expected(p.grantableRoles.includes(role), 200, 'me.grantableRoles'));
      }
    }
    expect(n).toBe(8);
  });
});

describe('the checks above', () => {
  it('saw every permission both granted and refused (none of them passed by never being tested)', () => {
    for (const [permission, values] of seen) expect([permission, [...values].sort()]).toEqual([permission, [false, true]]);
    expect([...seen.keys()].sort()).toEqual(
      [
        'institution.archive',
        'institution.edit',
        'institution.manageDirectory',
        'me.createInstitution',
        'me.draftAgreement',
        'me.grantableRoles',
        'me.manageAccounts',
        'me.manageConsortia',
        'me.readAudit',
        'me.readExams',
        'me.readOutbox',
        'me.runAdmissions',
        'me.runExams',
        'person.archive',
        'person.edit',
        'unit.edit',
      ].sort(),
    );
  });
});
