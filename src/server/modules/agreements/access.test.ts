import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RequestContext, Role, TokenScope } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { buildConsortium, buildPerson, buildTenant } from '../../testing/factories.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { readingOf } from './access.ts';
import { partyAgreementIds, requireAgreementParty, requireVisibleAgreement, visibleAgreementIds } from './service.ts';

// "Linked to an agreement" as a primitive (agreements/access.ts): what every module that hangs records off
// agreements calls. 404 for what the actor may not see, 403 for what it sees but may not do, and batched
// filters for lists.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ctxOf = (institutionId: string, roles: Role[], scopes: TokenScope[] | null = null): RequestContext => {
  const actor: Actor = { kind: scopes ? 'token' : 'user', userId: null, tokenId: null, institutionId, roles, scopes, label: 'test' };
  return { actor, lang: 'vi', requestId: 'test', ip: '127.0.0.1' };
};

const sorted = (xs: string[]) => [...xs].sort();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, messageKey: err.options.messageKey };
    throw err;
  }
  return { status: 200, messageKey: undefined };
}

/**
 * A and B are parties of `partiesOnly`; `consortium` is shared with the consortium (C is in one with B); `public` is
 * public. All three are in force (what members, students and non-parties see: docs/agreement-visibility.md).
 */
async function world() {
  const [a, b, c, d] = await Promise.all([buildTenant(t.database.db), buildTenant(t.database.db), buildTenant(t.database.db), buildTenant(t.database.db)]);
  await buildConsortium(t.database.db, [b.institution.id, c.institution.id]);
  const officer = await t.login(a.officer.email);
  const make = async (title: string, visibility: string) => {
    const res = await officer.post('/api/v1/agreements', {
      content: { kind: 'mou', titleVi: title, titleEn: title, startDate: '2026-01-01', parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }] },
      visibility,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const ids = { partiesOnly: await make('Chỉ các bên', 'parties'), consortium: await make('Liên minh', 'consortium'), public: await make('Công khai', 'public') };
  await t.database.db.updateTable('agreements').set({ status: 'active' }).where('id', 'in', Object.values(ids)).execute();
  return { a, b, c, d, ids };
}

describe('agreement access checks', () => {
  it('requireVisibleAgreement: the row for who may see it, 404 for the rest, 403 without the read scope', async () => {
    const { a, c, d, ids } = await world();
    const db = t.database.db;
    const row = await requireVisibleAgreement(db, ctxOf(a.institution.id, ['member']), ids.partiesOnly);
    expect(row.id).toBe(ids.partiesOnly);
    expect(row.party_ids).toHaveLength(2);
    expect(row.party_ids[0]).toBe(a.institution.id);
    expect(await failure(requireVisibleAgreement(db, ctxOf(c.institution.id, ['member']), ids.partiesOnly))).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(c.institution.id, ['member']), ids.consortium))).toMatchObject({ status: 200 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(d.institution.id, ['member']), ids.consortium))).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(d.institution.id, ['student']), ids.public))).toMatchObject({ status: 200 });
    // The parties' own records: not there for a non-party, even when it sees the agreement; refused to a
    // party's student (the negotiation), read by its coordinator.
    expect(await failure(requireVisibleAgreement(db, ctxOf(d.institution.id, ['member']), ids.public, { part: 'negotiation' }))).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(d.institution.id, ['institution_admin']), ids.public, { part: 'documents' }))).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['student']), ids.public, { part: 'negotiation' }))).toEqual({ status: 403, messageKey: 'errors.not_party_negotiator' });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['student']), ids.public, { part: 'note' }))).toMatchObject({ status: 403 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['student']), ids.public, { part: 'documents' }))).toMatchObject({ status: 200 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['coordinator']), ids.public, { part: 'negotiation' }))).toMatchObject({ status: 200 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['cooperation_officer'], ['directory:read']), ids.public))).toMatchObject({ status: 403 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['member']), '00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404 });
  });

  it('requireVisibleAgreement before signing: the negotiators and the points of contact, and the announcement of what was shared', async () => {
    const { a, b, c, d, ids } = await world();
    const db = t.database.db;
    await db.updateTable('agreements').set({ status: 'negotiation' }).where('id', 'in', Object.values(ids)).execute();
    for (const id of Object.values(ids)) {
      for (const role of ['cooperation_officer', 'institution_admin', 'coordinator'] as Role[]) {
        expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, [role]), id)), role).toMatchObject({ status: 200 });
      }
      expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, ['cooperation_officer'], ['agreements:read']), id))).toMatchObject({ status: 200 });
      expect(await failure(requireVisibleAgreement(db, ctxOf(c.institution.id, ['platform_admin']), id))).toMatchObject({ status: 200 });
    }
    // Kept for the parties: not for their members and students, nor anybody else.
    for (const role of ['member', 'student'] as Role[]) expect(await failure(requireVisibleAgreement(db, ctxOf(a.institution.id, [role]), ids.partiesOnly)), role).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, ctxOf(c.institution.id, ['institution_admin']), ids.partiesOnly))).toMatchObject({ status: 404 });
    // Shared by the parties: its announcement, for everyone it reaches — the party's members too — and no more.
    for (const [ctx, id] of [
      [ctxOf(a.institution.id, ['student']), ids.consortium],
      [ctxOf(c.institution.id, ['member']), ids.consortium],
      [ctxOf(d.institution.id, ['institution_admin']), ids.public],
    ] as const) {
      const row = await requireVisibleAgreement(db, ctx, id);
      expect(readingOf(ctx.actor!, row)).toEqual({ view: 'announcement', negotiation: false, documents: false, approvals: false });
      expect((await failure(requireVisibleAgreement(db, ctx, id, { part: 'negotiation' }))).status).toBeGreaterThanOrEqual(403);
      expect((await failure(requireVisibleAgreement(db, ctx, id, { part: 'documents' }))).status).toBeGreaterThanOrEqual(403);
    }
    expect(await failure(requireVisibleAgreement(db, ctxOf(d.institution.id, ['institution_admin']), ids.consortium))).toMatchObject({ status: 404 });
    // B's lecturer becomes a point of contact of the public one: they see it, not its negotiation.
    const person = await buildPerson(db, b.institution.id);
    const lecturer = await db.insertInto('users').values({ institution_id: b.institution.id, email: `l${Date.now()}@example.test`, display_name: 'Giảng viên', roles: ['member'], person_id: person.id }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('agreement_areas').values({ agreement_id: ids.public, area_key: 'x', kind: 'research', position: 0 }).execute();
    await db.insertInto('agreement_contacts').values({ agreement_id: ids.public, area_key: 'x', institution_id: b.institution.id, person_id: person.id }).execute();
    const asLecturer: RequestContext = { ...ctxOf(b.institution.id, ['member']), actor: { ...ctxOf(b.institution.id, ['member']).actor!, userId: lecturer.id } };
    const row = await requireVisibleAgreement(db, asLecturer, ids.public);
    expect(readingOf(asLecturer.actor!, row)).toEqual({ view: 'full', negotiation: false, documents: false, approvals: false });
    expect(await failure(requireVisibleAgreement(db, asLecturer, ids.partiesOnly))).toMatchObject({ status: 404 });
    expect(await failure(requireVisibleAgreement(db, asLecturer, ids.public, { part: 'negotiation' }))).toEqual({ status: 403, messageKey: 'errors.not_party_negotiator' });
    expect(await failure(requireVisibleAgreement(db, asLecturer, ids.public, { part: 'documents' }))).toMatchObject({ status: 403 });
    expect(sorted(await visibleAgreementIds(db, asLecturer, Object.values(ids)))).toEqual(sorted([ids.consortium, ids.public]));
    // On the one kept for the parties, a point of contact too.
    await db.insertInto('agreement_areas').values({ agreement_id: ids.partiesOnly, area_key: 'x', kind: 'research', position: 0 }).execute();
    await db.insertInto('agreement_contacts').values({ agreement_id: ids.partiesOnly, area_key: 'x', institution_id: b.institution.id, person_id: person.id }).execute();
    expect(await failure(requireVisibleAgreement(db, asLecturer, ids.partiesOnly))).toMatchObject({ status: 200 });
  });

  it('requireAgreementParty: 404 unseen, 403 seen but not a party with the capability, the row otherwise', async () => {
    const { a, b, c, d, ids } = await world();
    const db = t.database.db;
    const act = { capability: 'agreements.act' } as const;
    const discuss = { capability: 'agreements.discuss' } as const;
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['cooperation_officer']), ids.partiesOnly, act))).toMatchObject({ status: 200 });
    expect(await failure(requireAgreementParty(db, ctxOf(b.institution.id, ['institution_admin']), ids.partiesOnly, act))).toMatchObject({ status: 200 });
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['coordinator']), ids.partiesOnly, act))).toEqual({ status: 403, messageKey: 'errors.not_party_officer' });
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['coordinator']), ids.partiesOnly, discuss))).toMatchObject({ status: 200 });
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['member']), ids.partiesOnly, discuss))).toEqual({ status: 403, messageKey: 'errors.not_party_participant' });
    expect(await failure(requireAgreementParty(db, ctxOf(c.institution.id, ['cooperation_officer']), ids.consortium, act))).toMatchObject({ status: 403 });
    expect(await failure(requireAgreementParty(db, ctxOf(d.institution.id, ['cooperation_officer']), ids.consortium, act))).toMatchObject({ status: 404 });
    expect(await failure(requireAgreementParty(db, ctxOf(d.institution.id, ['cooperation_officer']), ids.public, discuss))).toMatchObject({ status: 403 });
    // Platform admins see everything but act for a party only through a staff role.
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['platform_admin']), ids.partiesOnly, act))).toMatchObject({ status: 403 });
    // Tokens: the scopes, on top of the officer role they act with.
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['cooperation_officer'], ['agreements:read']), ids.partiesOnly, act))).toMatchObject({ status: 403 });
    expect(await failure(requireAgreementParty(db, ctxOf(a.institution.id, ['cooperation_officer'], ['agreements:read', 'agreements:write']), ids.partiesOnly, act))).toMatchObject({ status: 200 });
  });

  it('requireAgreementParty with lock holds the agreement’s row until the transaction ends', async () => {
    const { a, ids } = await world();
    const ctx = ctxOf(a.institution.id, ['cooperation_officer']);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = inTransaction(t.database.db, async (tx) => {
      await requireAgreementParty(tx, ctx, ids.partiesOnly, { capability: 'agreements.act', lock: true });
      locked();
      await held;
      order.push('first done');
    });
    await isLocked;
    const second = inTransaction(t.database.db, async (tx) => {
      await requireAgreementParty(tx, ctx, ids.partiesOnly, { capability: 'agreements.act', lock: true });
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 200));
    order.push('released');
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['released', 'first done', 'second locked']);
  });

  it('visibleAgreementIds and partyAgreementIds: ids in, the allowed subset out', async () => {
    const { a, c, d, ids } = await world();
    const db = t.database.db;
    const all = [ids.partiesOnly, ids.consortium, ids.public, '00000000-0000-4000-8000-000000000000'];
    expect(sorted(await visibleAgreementIds(db, ctxOf(a.institution.id, ['student']), all))).toEqual(sorted([ids.partiesOnly, ids.consortium, ids.public]));
    expect(sorted(await visibleAgreementIds(db, ctxOf(c.institution.id, ['member']), all))).toEqual(sorted([ids.consortium, ids.public]));
    expect(await visibleAgreementIds(db, ctxOf(d.institution.id, ['member']), all)).toEqual([ids.public]);
    expect(sorted(await partyAgreementIds(db, ctxOf(a.institution.id, ['member']), all))).toEqual(sorted([ids.partiesOnly, ids.consortium, ids.public]));
    expect(await partyAgreementIds(db, ctxOf(c.institution.id, ['institution_admin']), all)).toEqual([]);
    expect(await partyAgreementIds(db, ctxOf(d.institution.id, ['member']), [])).toEqual([]);
    expect(await failure(visibleAgreementIds(db, ctxOf(a.institution.id, ['cooperation_officer'], ['directory:read']), all))).toMatchObject({ status: 403 });
  });
});

describe('agreement invariants in the database (0006_agreements_invariants.sql)', () => {
  it('refuses a second successor of one agreement', async () => {
    const { ids } = await world();
    const db = t.database.db;
    const row = await db.selectFrom('agreements').selectAll().where('id', '=', ids.public).executeTakeFirstOrThrow();
    const copy = (title: string) => ({
      owner_institution_id: row.owner_institution_id,
      kind: row.kind,
      title_vi: title,
      title_en: title,
      start_date: '2027-01-01',
      content_hash: row.content_hash,
      predecessor_id: row.id,
    });
    await db.insertInto('agreements').values(copy('Kế tiếp 1')).execute();
    await expect(db.insertInto('agreements').values(copy('Kế tiếp 2')).execute()).rejects.toMatchObject({ code: '23505', constraint: 'agreements_one_successor' });
  });

  it('refuses a point of contact for an institution that is not a party', async () => {
    const { a, d, ids } = await world();
    const db = t.database.db;
    const person = await buildPerson(db, d.institution.id);
    await db.insertInto('agreement_areas').values({ agreement_id: ids.public, area_key: 'x', kind: 'research', position: 0 }).execute();
    await expect(
      db.insertInto('agreement_contacts').values({ agreement_id: ids.public, area_key: 'x', institution_id: d.institution.id, person_id: person.id }).execute(),
    ).rejects.toMatchObject({ code: '23503', constraint: 'agreement_contacts_party_fk' });
    const own = await buildPerson(db, a.institution.id);
    await db.insertInto('agreement_contacts').values({ agreement_id: ids.public, area_key: 'x', institution_id: a.institution.id, person_id: own.id }).execute();
    // …and a party cannot leave the projection while a contact still speaks for it.
    await expect(db.deleteFrom('agreement_parties').where('agreement_id', '=', ids.public).where('institution_id', '=', a.institution.id).execute()).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('refuses an approval by an institution that is not a party of the version it approves', async () => {
    const { a, d, ids } = await world();
    const db = t.database.db;
    const row = await db.selectFrom('agreements').selectAll().where('id', '=', ids.public).executeTakeFirstOrThrow();
    const approval = (institutionId: string) => ({ agreement_id: row.id, institution_id: institutionId, version_no: 1, content_hash: row.content_hash, approved_by_label: 'test' });
    await expect(db.insertInto('agreement_approvals').values(approval(d.institution.id)).execute()).rejects.toMatchObject({
      code: '23503',
      constraint: 'agreement_approvals_party_check',
    });
    await db.insertInto('agreement_approvals').values(approval(a.institution.id)).execute();
  });
});
