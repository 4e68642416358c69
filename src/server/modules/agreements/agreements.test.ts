import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../engines/agreements/canonical-hash.ts';
import { buildConsortium, buildPerson, buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

async function twoParties() {
  const hust = await buildTenant(t.database.db, { nameVi: 'Đại học Bách khoa thử', kind: 'university' });
  const bmh = await buildTenant(t.database.db, { nameVi: 'Bệnh viện Bạch Mai thử', kind: 'hospital' });
  const pocA = await buildPerson(t.database.db, hust.institution.id, { fullName: 'Đầu Mối Bách Khoa' });
  const pocB = await buildPerson(t.database.db, bmh.institution.id, { fullName: 'Đầu Mối Bạch Mai' });
  // In one consortium, each sees the other's people shared with it: who drafts may name both contacts.
  await buildConsortium(t.database.db, [hust.institution.id, bmh.institution.id]);
  return { hust, bmh, pocA, pocB };
}

function content(a: Tenant, b: Tenant, pocA: string, pocB: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'mou',
    titleVi: 'Biên bản ghi nhớ hợp tác đào tạo và nghiên cứu',
    titleEn: 'Memorandum of understanding on training and research',
    signingPlace: 'Hà Nội',
    signingDate: '2025-10-02',
    startDate: '2025-10-02',
    endDate: '2030-10-01',
    parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
    areas: [
      {
        key: 'training',
        kind: 'training',
        titleVi: 'Đào tạo',
        titleEn: 'Training',
        contacts: [
          { institutionId: a.institution.id, personId: pocA },
          { institutionId: b.institution.id, personId: pocB },
        ],
        commitments: [
          { key: 'first-aid', fromInstitutionId: b.institution.id, toInstitutionId: a.institution.id, textVi: 'Hỗ trợ đào tạo sơ cấp cứu', textEn: 'Supports first-aid training', quantity: 2, perYear: true },
        ],
        targets: [{ key: 't1', metric: 'staff_trained', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 100 }],
      },
    ],
    ...overrides,
  };
}

async function draft(c: ApiClient, body: unknown) {
  const res = await c.post('/api/v1/agreements', { content: body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('drafting and versions', () => {
  it('creates a bilateral draft with areas, contacts, commitments and targets', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const c = await t.login(hust.officer.email);
    const a = await draft(c, content(hust, bmh, pocA.id, pocB.id));
    expect(a.status).toBe('draft');
    expect(a.versionNo).toBe(1);
    expect(a.contentHash).toBe(contentHash(a.content));
    expect(a.parties.map((p: { institutionId: string }) => p.institutionId)).toEqual([hust.institution.id, bmh.institution.id]);
    expect(a.people[pocB.id].fullName).toBe('Đầu Mối Bạch Mai');
    expect(a.content.areas[0].targets[0].value).toBe(100);
    const partner = await t.login(bmh.officer.email);
    expect((await partner.get(`/api/v1/agreements/${a.id}`)).status).toBe(200);
  });

  it('names as a point of contact only a person the author may see; keeps those another party named', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const secret = await buildPerson(t.database.db, bmh.institution.id, { fullName: 'Người Riêng Bạch Mai', visibility: 'private' });
    const other = await buildPerson(t.database.db, bmh.institution.id, { fullName: 'Người Riêng Khác', visibility: 'private' });
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const field = 'content.areas.0.contacts.1.personId';
    // A private person of the partner answers exactly as a person that does not exist.
    const hidden = await a1.post('/api/v1/agreements', { content: content(hust, bmh, pocA.id, secret.id) });
    const missing = await a1.post('/api/v1/agreements', { content: content(hust, bmh, pocA.id, '00000000-0000-4000-8000-000000000000') });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.details.fields).toEqual([expect.objectContaining({ field, code: 'unknown_reference' })]);
    expect(hidden.body.error.details).toEqual(missing.body.error.details);
    expect(JSON.stringify(hidden.body)).not.toContain('Người Riêng');
    // The partner names its own private person; A's later edits keep them, but A cannot put another in.
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    const named = await b1.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: content(hust, bmh, pocA.id, secret.id) });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    const kept = await a1.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 2, content: content(hust, bmh, pocA.id, secret.id, { summaryVi: 'Sửa tóm tắt' }) });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    const swapped = await a1.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 3, content: content(hust, bmh, pocA.id, other.id) });
    expect(swapped.status).toBe(400);
    expect(swapped.body.error.details.fields).toEqual([expect.objectContaining({ field, code: 'unknown_reference' })]);
  });

  it('checks references: parties, contacts of the right institution, unique keys, dates', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const other = await buildTenant(t.database.db);
    const c = await t.login(hust.officer.email);
    const bad = content(hust, bmh, pocB.id, pocA.id, { endDate: '2020-01-01' });
    const res = await c.post('/api/v1/agreements', { content: bad });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('content.endDate');
    expect(fields).toContain('content.areas.0.contacts.0.personId');
    const notMine = await c.post('/api/v1/agreements', { content: content(bmh, other, pocB.id, pocB.id, { areas: [] }) });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.details.fields[0]).toMatchObject({ field: 'content.parties', code: 'own_institution_required' });
    const one = await c.post('/api/v1/agreements', { content: { ...content(hust, bmh, pocA.id, pocB.id), parties: [{ institutionId: hust.institution.id }] } });
    expect(one.status).toBe(400);
    expect(one.body.error.details.fields[0].field).toBe('content.parties');
  });

  it('makes a new version on every content change, keeps history and shows the diff', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const c = await t.login(hust.officer.email);
    const a = await draft(c, content(hust, bmh, pocA.id, pocB.id));
    const next = structuredClone(a.content);
    next.areas[0].targets[0].value = 150;
    next.titleEn = 'MoU on training and research';
    const v2 = await c.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: next, changeNote: 'Raise the target' });
    expect(v2.status).toBe(200);
    expect(v2.body.versionNo).toBe(2);
    expect(v2.body.contentHash).not.toBe(a.contentHash);
    const same = await c.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 2, content: next });
    expect(same.body.versionNo).toBe(2);
    const versions = await c.get(`/api/v1/agreements/${a.id}/versions`);
    expect(versions.body.items.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    expect(versions.body.items[0].changeNote).toBe('Raise the target');
    const diff = await c.get(`/api/v1/agreements/${a.id}/diff?from=1&to=2`);
    expect(diff.body.entries).toEqual(
      expect.arrayContaining([
        { path: 'titleEn', change: 'changed', before: 'Memorandum of understanding on training and research', after: 'MoU on training and research' },
        { path: 'areas[training].targets[t1].value', change: 'changed', before: 100, after: 150 },
      ]),
    );
    const v1 = await c.get(`/api/v1/agreements/${a.id}/versions/1`);
    expect(contentHash(v1.body.content)).toBe(a.contentHash);
  });

  it('answers 409 with what changed when two officers edit the same version', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const first = await t.login(hust.officer.email);
    const second = await t.login(bmh.officer.email);
    const a = await draft(first, content(hust, bmh, pocA.id, pocB.id));
    const mine = { ...structuredClone(a.content), summaryVi: 'Sửa của Bách khoa' };
    const theirs = { ...structuredClone(a.content), summaryVi: 'Sửa của Bạch Mai' };
    expect((await first.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: mine })).status).toBe(200);
    const lost = await second.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: theirs });
    expect(lost.status).toBe(409);
    expect(lost.body.error.code).toBe('version_conflict');
    expect(lost.body.error.details.changesSinceYourVersion).toEqual([{ path: 'summaryVi', change: 'changed', before: '', after: 'Sửa của Bách khoa' }]);
    expect((await second.get(`/api/v1/agreements/${a.id}`)).body.content.summaryVi).toBe('Sửa của Bách khoa');
  });
});

describe('approvals', () => {
  it('activates when every party approved the same version and the signed PDF is attached', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    const ok = await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('awaiting_approval');
    const again = await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    expect(again.status).toBe(409);
    const both = await b1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    expect(both.body.fullyApproved).toBe(true);
    expect(both.body.status).toBe('awaiting_approval'); // no signed copy yet
    expect(both.body.approvals.every((x: { verified: boolean; voided: boolean }) => x.verified && !x.voided)).toBe(true);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await uploadSigned(a1, a.id, pdf);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const active = await a1.get(`/api/v1/agreements/${a.id}`);
    expect(active.body.status).toBe('active');
    expect(active.body.signedDocumentId).toBe(up.body.id);
    expect(up.body.sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
  });

  it('refuses a stale hash, and an edit voids earlier approvals (also when a party is removed)', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const third = await buildTenant(t.database.db);
    const a1 = await t.login(hust.officer.email);
    const base = content(hust, bmh, pocA.id, pocB.id);
    const a = await draft(a1, { ...base, parties: [...base.parties, { institutionId: third.institution.id }] });
    const c1 = await t.login(third.officer.email);
    expect((await c1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(200);
    const fewer = { ...structuredClone(a.content), parties: a.content.parties.slice(0, 2) };
    const edited = await a1.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: fewer });
    expect(edited.status).toBe(200);
    expect(edited.body.approvals).toHaveLength(1);
    expect(edited.body.approvals[0].voided).toBe(true);
    expect(edited.body.approvals[0].voidedByVersion).toBe(2);
    const stale = await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.currentHash).toBe(edited.body.contentHash);
    // The removed party no longer sees the agreement at all.
    expect((await c1.get(`/api/v1/agreements/${a.id}`)).status).toBe(404);
  });

  it('counts two approvals at the same moment exactly once each', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    const [x, y] = await Promise.all([
      a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash }),
      b1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash }),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    const final = await a1.get(`/api/v1/agreements/${a.id}`);
    expect(final.body.approvals).toHaveLength(2);
    expect(final.body.fullyApproved).toBe(true);
  });

  it('lets only officers of a party approve for that party', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    const member = await t.login(hust.member.email);
    // A member does not see a draft kept for the parties (404); a coordinator sees it, but may not approve.
    expect((await member.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(404);
    const coordinator = await t.login((await buildUser(t.database.db, hust.institution.id, ['coordinator'])).email);
    expect((await coordinator.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(403);
    const stranger = await t.login((await buildTenant(t.database.db)).officer.email);
    expect((await stranger.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(404);
  });
});

describe('lifecycle', () => {
  it('allows the documented transitions and refuses a forbidden one with a clear message', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const c = await t.login(hust.officer.email);
    const a = await draft(c, content(hust, bmh, pocA.id, pocB.id));
    expect((await c.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'negotiation' })).body.status).toBe('negotiation');
    expect((await c.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'draft' })).body.status).toBe('draft');
    expect((await c.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'awaiting_approval' })).body.status).toBe('awaiting_approval');
    expect((await c.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'negotiation' })).body.status).toBe('negotiation');
    const forbidden = await c.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'active' });
    expect(forbidden.status).toBe(409);
    expect(forbidden.body.error.message).toBe('Không thể chuyển thỏa thuận từ “Đang đàm phán” sang “Đang hiệu lực”.');
  });

  it('terminates an active agreement with a reason and notice date, and then refuses edits', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await b1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await uploadSigned(a1, a.id, Buffer.from('%PDF-1.7\n%%EOF\n'));
    const noReason = await b1.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'terminated' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['reason', 'noticeDate']);
    const done = await b1.post(`/api/v1/agreements/${a.id}/transitions`, { to: 'terminated', reason: 'Hai bên thống nhất', noticeDate: '2026-11-01' });
    expect(done.body.status).toBe('terminated');
    expect(done.body.noticeDate).toBe('2026-11-01');
    const edit = await a1.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, content: { ...a.content, summaryVi: 'x' } });
    expect(edit.status).toBe(409);
    const timeline = await a1.get(`/api/v1/agreements/${a.id}/timeline`);
    expect(timeline.body.items.map((i: { action: string }) => i.action)).toEqual(['create', 'approve', 'approve', 'attach', 'status', 'status']);
  });
});

describe('renewal', () => {
  it('starts a successor draft and marks the predecessor renewed when the successor becomes active', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id, { startDate: '2024-01-01', endDate: '2026-12-31' }));
    await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await b1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await uploadSigned(a1, a.id, Buffer.from('%PDF-1.4\n%%EOF\n'));
    const draftRenewal = await a1.post(`/api/v1/agreements/${a.id}/renewal`, { startDate: '2025-06-01', endDate: '2030-12-31' });
    expect(draftRenewal.status).toBe(201);
    const next = draftRenewal.body;
    expect(next.status).toBe('draft');
    expect(next.predecessorId).toBe(a.id);
    expect(next.content.areas).toEqual(a.content.areas);
    expect((await a1.get(`/api/v1/agreements/${a.id}`)).body.status).not.toBe('renewed');
    // The successor starts without a signing date; it is recorded once the renewal is signed.
    expect(next.content.signingDate).toBeNull();
    const signed = await a1.patch(`/api/v1/agreements/${next.id}`, { baseVersion: next.versionNo, content: { ...next.content, signingDate: '2025-05-20' } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    await a1.post(`/api/v1/agreements/${next.id}/approvals`, { contentHash: signed.body.contentHash });
    await b1.post(`/api/v1/agreements/${next.id}/approvals`, { contentHash: signed.body.contentHash });
    await uploadSigned(b1, next.id, Buffer.from('%PDF-1.4\n% renewed\n%%EOF\n'));
    expect((await a1.get(`/api/v1/agreements/${next.id}`)).body.status).toBe('active');
    const old = await a1.get(`/api/v1/agreements/${a.id}`);
    expect(old.body.status).toBe('renewed');
    expect(old.body.successorId).toBe(next.id);
  });

  it('starts at most one successor: a second renewal is a 409 with a message, also when both come at once', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id, { startDate: '2024-01-01', endDate: '2026-12-31' }));
    await a1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await b1.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash });
    await uploadSigned(a1, a.id, Buffer.from('%PDF-1.4\n% twice\n%%EOF\n'));
    const dates = { startDate: '2027-01-01', endDate: '2031-12-31' };
    const [x, y] = await Promise.all([a1.post(`/api/v1/agreements/${a.id}/renewal`, dates), b1.post(`/api/v1/agreements/${a.id}/renewal`, dates)]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const refused = x.status === 409 ? x : y;
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toBe('Thỏa thuận này đã có thỏa thuận kế tiếp (gia hạn).');
    const english = await t.login((await buildUser(t.database.db, bmh.institution.id, ['cooperation_officer'], { language: 'en' })).email);
    const again = await english.post(`/api/v1/agreements/${a.id}/renewal`, dates);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('A successor (renewal) of this agreement has already been started.');
    const successors = await t.database.db.selectFrom('agreements').select('id').where('predecessor_id', '=', a.id).execute();
    expect(successors).toHaveLength(1);
    const timeline = await a1.get(`/api/v1/agreements/${a.id}/timeline`);
    expect(timeline.body.items.filter((i: { action: string }) => i.action === 'renew')).toHaveLength(1);
  });

  it('lets an API token act on agreements only with the agreements scopes', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const admin = await t.login(hust.admin.email);
    const read = await admin.post('/api/v1/admin/api-tokens', { name: 'read', scopes: ['agreements:read'] });
    const machine = t.client().withToken(read.body.token);
    const a = await draft(await t.login(hust.officer.email), content(hust, bmh, pocA.id, pocB.id));
    expect((await machine.get(`/api/v1/agreements/${a.id}`)).status).toBe(200);
    expect((await machine.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(403);
    const dirOnly = await admin.post('/api/v1/admin/api-tokens', { name: 'dir', scopes: ['directory:read'] });
    expect((await t.client().withToken(dirOnly.body.token).get(`/api/v1/agreements/${a.id}`)).status).toBe(403);
  });
});

describe('visibility', () => {
  // Every role × state × resource: visibility-matrix.test.ts. This is the path of one agreement through visibilities.
  it('follows the matrix: non-party, party member, party officer, consortium, public', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const friend = await buildTenant(t.database.db);
    const stranger = await buildTenant(t.database.db);
    await buildConsortium(t.database.db, [bmh.institution.id, friend.institution.id]);
    const officer = await t.login(hust.officer.email);
    const a = await draft(officer, content(hust, bmh, pocA.id, pocB.id));
    const member = await t.login(hust.member.email);
    const friendC = await t.login(friend.officer.email);
    const strangerC = await t.login(stranger.officer.email);
    // A draft is the negotiation: not for the party's members, nor anybody else.
    expect((await member.get(`/api/v1/agreements/${a.id}`)).status).toBe(404);
    await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', '=', a.id).execute();
    const memberView = await member.get(`/api/v1/agreements/${a.id}`);
    expect(memberView.status).toBe(200);
    const reads = { readDiscussion: false, readNote: false, readVersions: false, readDocuments: true, readApprovals: true };
    expect(memberView.body.permissions).toEqual({ edit: false, approve: false, transition: false, comment: false, note: false, attach: false, attachSigned: false, ...reads });
    expect((await officer.get(`/api/v1/agreements/${a.id}`)).body.permissions).toEqual({
      edit: false, // in force: the content is closed
      approve: false,
      transition: true,
      comment: true,
      note: true,
      attach: true,
      attachSigned: true,
      readDiscussion: true,
      readNote: true,
      readVersions: true,
      readDocuments: true,
      readApprovals: true,
    });
    expect((await friendC.get(`/api/v1/agreements/${a.id}`)).status).toBe(404);
    expect((await strangerC.get(`/api/v1/agreements/${a.id}`)).status).toBe(404);

    await officer.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, visibility: 'consortium' });
    expect((await friendC.get(`/api/v1/agreements/${a.id}`)).status).toBe(200);
    expect((await friendC.get(`/api/v1/agreements/${a.id}/comments`)).status).toBe(404);
    expect((await strangerC.get(`/api/v1/agreements/${a.id}`)).status).toBe(404);

    await officer.patch(`/api/v1/agreements/${a.id}`, { baseVersion: 1, visibility: 'public' });
    const seen = await strangerC.get(`/api/v1/agreements/${a.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.permissions.edit).toBe(false);
    expect((await strangerC.post(`/api/v1/agreements/${a.id}/approvals`, { contentHash: a.contentHash })).status).toBe(403);
  });

  it('keeps each party’s private notes from the other parties', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const a1 = await t.login(hust.officer.email);
    const b1 = await t.login(bmh.officer.email);
    const a = await draft(a1, content(hust, bmh, pocA.id, pocB.id));
    const saved = await a1.put(`/api/v1/agreements/${a.id}/note`, { body: 'Chỉ Bách khoa biết: cần thêm chỉ tiêu', version: 0 });
    expect(saved.body.version).toBe(1);
    expect((await b1.get(`/api/v1/agreements/${a.id}/note`)).body.body).toBe('');
    expect((await a1.get(`/api/v1/agreements/${a.id}/note`)).body.body).toBe('Chỉ Bách khoa biết: cần thêm chỉ tiêu');
    expect((await a1.put(`/api/v1/agreements/${a.id}/note`, { body: 'cũ', version: 0 })).status).toBe(409);
    const timeline = JSON.stringify((await b1.get(`/api/v1/agreements/${a.id}/timeline`)).body);
    expect(timeline).not.toContain('Chỉ Bách khoa biết');
  });

  it('lists with filters and exports the filtered list as a real XLSX file', async () => {
    const { hust, bmh, pocA, pocB } = await twoParties();
    const c = await t.login(hust.officer.email);
    const a = await draft(c, content(hust, bmh, pocA.id, pocB.id, { titleVi: 'Hợp tác đào tạo y khoa Bạch Mai' }));
    await draft(c, content(hust, bmh, pocA.id, pocB.id, { titleVi: 'Thỏa thuận khác', areas: [] }));
    const found = await c.get(`/api/v1/agreements?q=${encodeURIComponent('dao tao y khoa bach mai')}`);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byArea = await c.get(`/api/v1/agreements?areaKind=training&partnerKind=hospital&partnerId=${bmh.institution.id}`);
    expect(byArea.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect((await c.get('/api/v1/agreements?partnerKind=business')).body.items).toHaveLength(0);
    const summary = await c.get(`/api/v1/agreements/summary?partnerId=${bmh.institution.id}`);
    expect(summary.body).toEqual({ total: 2, byStatus: { draft: 2 } });
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/export.xlsx?areaKind=training&partnerId=${bmh.institution.id}`, headers: { cookie: c.cookie! } });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('Tên thỏa thuận');
    expect(ws.getRow(2).getCell(1).value).toBe('Hợp tác đào tạo y khoa Bạch Mai');
    expect(ws.getRow(2).getCell(3).value).toBe('Dự thảo');
    expect(ws.rowCount).toBe(2);
  });
});

async function uploadSigned(c: ApiClient, agreementId: string, pdf: Buffer) {
  const boundary = '----hoptac-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsigned\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBản ký\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="signed.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', `/api/v1/agreements/${agreementId}/documents`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
