import { type Expression, type Insertable, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { AgreementContent } from '../../../contracts/agreements.ts';
import { EDITABLE } from '../../../engines/agreements/lifecycle.ts';
import { agreementVisibleTo, type TenantScope } from '../../platform/access.ts';
import type { AgreementsTable, Database } from '../../platform/db-schema.ts';
import { NEGOTIATING_ROLES, READING_ROLES } from './policy.ts';

type Agreement = Selectable<AgreementsTable>;
import type { Db, Tx } from '../../platform/db.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { matchesAllWords } from '../../platform/search.ts';

// Every query of the agreements module. Functions that find agreements, comments or notes for a caller take
// the caller's TenantScope (required: a caller's lookup cannot forget tenancy); the functions that work on an
// agreement the service already found through one of those (its versions, parties, approvals, status), or
// that the daily job runs as the system, take its id.

export type AgreementRow = Selectable<Database['agreements']>;

// ---- finding agreements for a caller

/**
 * Who reads agreements (access.ts builds it from the request and policy.ts): the tenancy scope, and what the
 * actor's roles add to it.
 */
export type AgreementReader = TenantScope & {
  /** Reads the negotiation of its institution's agreements (agreements.negotiate.read): drafts included. */
  negotiates: boolean;
  /** The signed-in user, whose person may be a point of contact of an agreement not yet in force. */
  userId: string | null;
};

/** SQL condition over an `agreements` row aliased `alias`: the reader's person is one of its points of contact. */
export function readerInvolved(reader: AgreementReader, alias: string): RawBuilder<boolean> {
  if (!reader.userId) return sql<boolean>`false`;
  return sql<boolean>`EXISTS (SELECT 1 FROM agreement_contacts rc JOIN users ru ON ru.person_id = rc.person_id
    WHERE rc.agreement_id = ${sql.table(alias)}.id AND ru.id = ${reader.userId}::uuid)`;
}

/**
 * SQL condition over an `agreements` row aliased `alias`: the reader may see it (docs/agreement-visibility.md).
 * Every institution its visibility reaches sees an agreement that is signed (in force or past it) or that its
 * parties announced (shared with the consortium or public); one kept for the parties and not yet signed only its
 * parties' negotiators (officers, admins, coordinators) and the users whose person is one of its points of
 * contact see. Platform admins see everything. What each of them reads of it: policy.ts agreementReading.
 */
export function agreementReadable(reader: AgreementReader, alias: string): Expression<SqlBool> {
  if (reader.allInstitutions) return sql<SqlBool>`true`;
  const a = sql.table(alias);
  const signedOrAnnounced = sql<SqlBool>`(${a}.status NOT IN (${sql.join([...EDITABLE])}) OR ${a}.visibility <> 'parties')`;
  const early = reader.negotiates ? reader.agreementParty(alias) : readerInvolved(reader, alias);
  return sql<SqlBool>`((${signedOrAnnounced} AND ${reader.agreementVisible(alias)}) OR ${early})`;
}

/** The ids of the agreement's parties, in their order (one InitPlan per row; two to five rows). */
const partyIdsOf = (alias: string) =>
  sql<string[]>`ARRAY(SELECT p.institution_id::text FROM agreement_parties p WHERE p.agreement_id = ${sql.table(alias)}.id ORDER BY p.position)`;

/**
 * The agreement with its party ids, when the reader may see it; `lock` takes its row lock (FOR UPDATE),
 * which serialises every change of one agreement.
 */
export function findAgreement(db: Db | Tx, reader: AgreementReader, id: string, options: { lock?: boolean } = {}) {
  let q = db
    .selectFrom('agreements as a')
    .selectAll('a')
    .select([partyIdsOf('a').as('party_ids'), readerInvolved(reader, 'a').as('reader_involved')])
    .where('a.id', '=', id)
    .where(agreementReadable(reader, 'a'));
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type AgreementWithParties = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

/** Of these agreement ids, those the reader may see (`partiesOnly`: and of which the actor's institution is a party). */
export async function agreementIdsIn(db: Db | Tx, reader: AgreementReader, ids: readonly string[], options: { partiesOnly?: boolean } = {}): Promise<string[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('agreements as a')
    .select('a.id')
    .where('a.id', 'in', [...new Set(ids)])
    .where(agreementReadable(reader, 'a'));
  if (options.partiesOnly) q = q.where(reader.agreementParty('a'));
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

/** Of these agreement ids, those the reader may see, with status, party ids and whether the reader is a contact. */
export function agreementsWithParties(db: Db | Tx, reader: AgreementReader, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.status', partyIdsOf('a').as('party_ids'), readerInvolved(reader, 'a').as('reader_involved')])
    .where('a.id', 'in', [...new Set(ids)])
    .where(agreementReadable(reader, 'a'))
    .execute();
}

export function childAgreements(db: Db | Tx, reader: AgreementReader, parentId: string) {
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.kind', 'a.title_vi', 'a.title_en', 'a.status'])
    .where('a.parent_id', '=', parentId)
    .where(agreementReadable(reader, 'a'))
    .orderBy('a.start_date')
    .execute();
}

// ---- one agreement, after the service found it

/** The agreement's row, locked, by id: for the system (the daily job), which has no scope. */
export function lockAgreementById(tx: Tx, id: string) {
  return tx.selectFrom('agreements').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function partyInstitutionIds(db: Db | Tx, agreementId: string): Promise<string[]> {
  const rows = await db.selectFrom('agreement_parties').select('institution_id').where('agreement_id', '=', agreementId).orderBy('position').execute();
  return rows.map((r) => r.institution_id);
}

export function partyViews(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_parties as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.institution_id as institutionId',
      'p.unit_id as unitId',
      'i.code',
      'i.name_vi as nameVi',
      'i.name_en as nameEn',
      'i.kind',
      'i.country',
      'u.name_vi as unitNameVi',
      'u.name_en as unitNameEn',
    ])
    .where('p.agreement_id', '=', agreementId)
    .orderBy('p.position')
    .execute();
}

export function versionRow(db: Db | Tx, agreementId: string, versionNo: number) {
  return db.selectFrom('agreement_versions').selectAll().where('agreement_id', '=', agreementId).where('version_no', '=', versionNo).executeTakeFirst();
}

export function listVersions(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_versions')
    .select(['version_no', 'content_hash', 'created_by', 'created_by_label', 'created_at', 'change_note'])
    .where('agreement_id', '=', agreementId)
    .orderBy('version_no', 'desc')
    .execute();
}

export function approvalsWithVersions(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_approvals as ap')
    .innerJoin('institutions as i', 'i.id', 'ap.institution_id')
    .innerJoin('agreement_versions as v', (j) => j.onRef('v.agreement_id', '=', 'ap.agreement_id').onRef('v.version_no', '=', 'ap.version_no'))
    .select([
      'ap.id',
      'ap.institution_id',
      'i.code as institution_code',
      'ap.version_no',
      'ap.content_hash',
      'ap.approved_by',
      'ap.approved_by_label',
      'ap.approved_at',
      'ap.voided_at',
      'ap.voided_by_version',
      'ap.void_reason',
      'v.content as version_content',
      'v.content_hash as version_hash',
    ])
    .where('ap.agreement_id', '=', agreementId)
    .orderBy('ap.approved_at')
    .execute();
}

export function peopleByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'full_name', 'title', 'institution_id']).where('id', 'in', ids).execute();
}

/** The institution of each of these people that is not archived (content rules: contacts). */
export function activePeopleInstitutions(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'institution_id']).where('id', 'in', [...new Set(ids)]).where('archived_at', 'is', null).execute();
}

/** Of these people, those the scope may see in the directory (own, or shared with the consortium), by id. */
export async function visiblePeopleIds(db: Db | Tx, scope: TenantScope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', 'in', [...new Set(ids)])
    .where(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The user's person is a point of contact of the agreement. */
export async function isContactUser(db: Db | Tx, agreementId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const row = await db
    .selectFrom('agreement_contacts as c')
    .innerJoin('users as u', 'u.person_id', 'c.person_id')
    .select('c.person_id')
    .where('c.agreement_id', '=', agreementId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The people who are points of contact of the agreement's current version. */
export async function contactPersonIds(db: Db | Tx, agreementId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('agreement_contacts').select('person_id').where('agreement_id', '=', agreementId).execute();
  return new Set(rows.map((r) => r.person_id));
}

/**
 * The accounts behind these user ids as people are named: display name, e-mail, institution code, and the
 * linked person's title and full name when the scope may see that person in the directory.
 */
export function userNames(db: Db | Tx, scope: TenantScope, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'u.person_id').on(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`)),
    )
    .select(['u.id', 'u.display_name', 'u.email', 'u.institution_id', 'i.code as institution_code', 'p.title', 'p.full_name'])
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
}

/** The institution code of each of these API tokens (who did something, named for non-parties). */
export function tokenInstitutionCodes(db: Db | Tx, tokenIds: readonly string[]) {
  if (tokenIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('institutions as i', 'i.id', 't.institution_id')
    .select(['t.id', 'i.code'])
    .where('t.id', 'in', [...new Set(tokenIds)])
    .execute();
}

/** What happened to the agreement, oldest first (audit entries about it). */
export function auditTrail(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('audit_log')
    .select(['created_at', 'action', 'actor_user_id', 'actor_token_id', 'actor_label', 'after'])
    .where('entity', '=', 'agreement')
    .where('entity_id', '=', agreementId)
    .orderBy('id')
    .execute();
}

// ---- writing agreements and versions

/** Inserts the agreement's row (status draft unless given); its id. */
export async function insertAgreementRow(tx: Tx, values: Insertable<Database['agreements']>): Promise<string> {
  const { id } = await tx.insertInto('agreements').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertVersionRow(tx: Tx, values: Insertable<Database['agreement_versions']>) {
  await tx.insertInto('agreement_versions').values(values).execute();
}

/**
 * Rewrites the projections of the current content (parties, areas, contacts, targets). Children go first and
 * come back last: a contact references its party (agreement_contacts_party_fk).
 */
export async function writeProjections(tx: Tx, agreementId: string, content: AgreementContent) {
  for (const table of ['agreement_contacts', 'agreement_targets', 'agreement_areas', 'agreement_parties'] as const) {
    await tx.deleteFrom(table).where('agreement_id', '=', agreementId).execute();
  }
  await tx
    .insertInto('agreement_parties')
    .values(content.parties.map((p, i) => ({ agreement_id: agreementId, institution_id: p.institutionId, unit_id: p.unitId, position: i })))
    .execute();
  if (content.areas.length === 0) return;
  await tx
    .insertInto('agreement_areas')
    .values(content.areas.map((a, i) => ({ agreement_id: agreementId, area_key: a.key, kind: a.kind, position: i })))
    .execute();
  const contacts = content.areas.flatMap((a) =>
    a.contacts.map((c) => ({ agreement_id: agreementId, area_key: a.key, institution_id: c.institutionId, person_id: c.personId })),
  );
  if (contacts.length > 0) await tx.insertInto('agreement_contacts').values(contacts).execute();
  const targets = content.areas.flatMap((a) =>
    a.targets.map((t) => ({
      agreement_id: agreementId,
      area_key: a.key,
      target_key: t.key,
      metric: t.metric,
      period_start: t.periodStart,
      period_end: t.periodEnd,
      value: t.value,
    })),
  );
  if (targets.length > 0) await tx.insertInto('agreement_targets').values(targets).execute();
}

/** The columns of `agreements` that mirror the current content, plus the new version and its hash (approvals reset). */
export async function setCurrentVersion(tx: Tx, id: string, content: AgreementContent, versionNo: number, hash: string) {
  await tx
    .updateTable('agreements')
    .set({
      kind: content.kind,
      parent_id: content.parentId,
      title_vi: content.titleVi,
      title_en: content.titleEn,
      start_date: content.startDate,
      end_date: content.endDate,
      signing_date: content.signingDate,
      current_version: versionNo,
      content_hash: hash,
      fully_approved_at: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function setVisibility(tx: Tx, id: string, visibility: Agreement['visibility']) {
  await tx.updateTable('agreements').set({ visibility, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** A new status; `touch` also bumps `updated_at` (lists sorted by last change). */
export async function setStatus(
  tx: Tx,
  id: string,
  change: { status: Agreement['status']; at: Date; reason?: string | null; noticeDate?: string | null; touch?: boolean },
) {
  await tx
    .updateTable('agreements')
    .set({
      status: change.status,
      status_changed_at: change.at,
      ...(change.reason !== undefined ? { status_reason: change.reason } : {}),
      ...(change.noticeDate !== undefined ? { notice_date: change.noticeDate } : {}),
      ...(change.touch ? { updated_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function markFullyApproved(tx: Tx, id: string) {
  await tx.updateTable('agreements').set({ fully_approved_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function setSignedDocument(tx: Tx, id: string, documentId: string) {
  await tx.updateTable('agreements').set({ signed_document_id: documentId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** The predecessor is renewed: it names its successor. */
export async function markRenewed(tx: Tx, predecessorId: string, successorId: string, at: Date) {
  await tx
    .updateTable('agreements')
    .set({ status: 'renewed', successor_id: successorId, status_changed_at: at, updated_at: sql`now()` })
    .where('id', '=', predecessorId)
    .execute();
}

/** A successor that is in force at once (automatic renewal): active, approved, signed by the predecessor's copy. */
export async function activateRenewal(tx: Tx, id: string, at: Date, signedDocumentId: string | null) {
  await tx
    .updateTable('agreements')
    .set({ status: 'active', fully_approved_at: at, signed_document_id: signedDocumentId, status_changed_at: at })
    .where('id', '=', id)
    .execute();
}

/** The agreement started as this one's successor, if any (at most one: agreements_one_successor). */
export async function successorOf(db: Db | Tx, predecessorId: string): Promise<string | undefined> {
  const row = await db.selectFrom('agreements').select('id').where('predecessor_id', '=', predecessorId).executeTakeFirst();
  return row?.id;
}

// ---- approvals

/** Records a party's approval; undefined when the party already approves this hash. */
export async function insertApproval(tx: Tx, values: Insertable<Database['agreement_approvals']>): Promise<string | undefined> {
  const row = await tx
    .insertInto('agreement_approvals')
    .values(values)
    .onConflict((oc) => oc.columns(['agreement_id', 'institution_id', 'content_hash']).where('voided_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertApprovals(tx: Tx, values: Insertable<Database['agreement_approvals']>[]) {
  if (values.length > 0) await tx.insertInto('agreement_approvals').values(values).execute();
}

/** The institutions whose approval of this hash stands. */
export async function approvingInstitutions(tx: Tx, agreementId: string, hash: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('agreement_approvals')
    .select('institution_id')
    .where('agreement_id', '=', agreementId)
    .where('content_hash', '=', hash)
    .where('voided_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.institution_id));
}

/** Voids every standing approval (an edit made them about other content); how many. */
export async function voidApprovals(tx: Tx, agreementId: string, byVersion: number): Promise<number> {
  const rows = await tx
    .updateTable('agreement_approvals')
    .set({ voided_at: sql`now()`, voided_by_version: byVersion })
    .where('agreement_id', '=', agreementId)
    .where('voided_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

// ---- comments and private notes (the parties' negotiation)

/** The agreement's comments and proposals, when the scope's institution is a party (else none). */
export function listComments(db: Db | Tx, scope: TenantScope, agreementId: string) {
  return db
    .selectFrom('agreement_comments as c')
    .innerJoin('agreements as a', 'a.id', 'c.agreement_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.kind', 'c.area_key', 'c.clause', 'c.body', 'c.author_user_id', 'c.author_label', 'i.code', 'c.version_no', 'c.created_at'])
    .where('c.agreement_id', '=', agreementId)
    .where(scope.agreementParty('a'))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function insertComment(tx: Tx, values: Insertable<Database['agreement_comments']>): Promise<string> {
  const { id } = await tx.insertInto('agreement_comments').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The scope's institution's own note on the agreement (`lock`: FOR UPDATE, to save it). */
export function findNote(db: Db | Tx, scope: TenantScope, agreementId: string, options: { lock?: boolean } = {}) {
  let q = db.selectFrom('agreement_notes').selectAll().where('agreement_id', '=', agreementId).where('institution_id', '=', scope.institutionId);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Writes the scope's institution's note: the first version, or the next one. */
export async function writeNote(tx: Tx, scope: TenantScope, agreementId: string, note: { body: string; version: number; userId: string | null }) {
  if (note.version === 1) {
    await tx.insertInto('agreement_notes').values({ agreement_id: agreementId, institution_id: scope.institutionId, body: note.body, updated_by: note.userId }).execute();
    return;
  }
  await tx
    .updateTable('agreement_notes')
    .set({ body: note.body, version: note.version, updated_by: note.userId, updated_at: sql`now()` })
    .where('agreement_id', '=', agreementId)
    .where('institution_id', '=', scope.institutionId)
    .execute();
}

// ---- lists

export interface AgreementFilter {
  q?: string;
  partnerId?: string;
  partnerKind?: string;
  country?: string;
  kind?: Agreement['kind'];
  status?: Agreement['status'];
  areaKind?: string;
  unitId?: string;
  expiringWithinDays?: number;
  today: string;
  sort: 'title' | 'start' | 'end' | 'updated';
  limit: number;
  cursor?: Cursor;
}

const SORTS = {
  title: { column: 'a.title_vi', direction: 'asc', key: 'text' },
  start: { column: 'a.start_date', direction: 'desc', key: 'date' },
  end: { column: 'a.end_date', direction: 'asc', key: 'date' },
  updated: { column: 'a.updated_at', direction: 'desc', key: 'timestamp' },
} as const;

/** What the cursor of a list in this order holds (checked by decodeCursor). */
export const cursorKind = (sort: AgreementFilter['sort']): CursorKind => ({ key: SORTS[sort].key });

export function sortKeyOf(sort: AgreementFilter['sort'], row: { title_vi: string; start_date: string; end_date: string | null; updated_key: string }) {
  if (sort === 'title') return row.title_vi;
  if (sort === 'start') return row.start_date;
  if (sort === 'end') return row.end_date;
  return row.updated_key;
}

/** The agreements the actor may see that pass the filters (no order, no page). */
function filteredAgreements(db: Db, scope: AgreementReader, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
  let q = db.selectFrom('agreements as a').where(agreementReadable(scope, 'a'));
  const match = matchesAllWords('a.search_doc', f.q);
  if (match) q = q.where(match);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.status) q = q.where('a.status', '=', f.status);
  const partyMatches: Expression<SqlBool>[] = [];
  if (f.partnerId) partyMatches.push(sql<SqlBool>`pp.institution_id = ${f.partnerId}::uuid`);
  if (f.partnerKind) partyMatches.push(sql<SqlBool>`pi.kind = ${f.partnerKind}`);
  if (f.country) partyMatches.push(sql<SqlBool>`pi.country = ${f.country}`);
  if (partyMatches.length > 0) {
    // "Partner" = a party other than my own institution.
    q = q.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties pp JOIN institutions pi ON pi.id = pp.institution_id
        WHERE pp.agreement_id = a.id AND pp.institution_id <> ${scope.institutionId}::uuid AND ${sql.join(partyMatches, sql` AND `)})`,
    );
  }
  if (f.unitId) q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties up WHERE up.agreement_id = a.id AND up.unit_id = ${f.unitId}::uuid)`);
  if (f.areaKind) q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_areas ar WHERE ar.agreement_id = a.id AND ar.kind = ${f.areaKind})`);
  if (f.expiringWithinDays !== undefined) {
    q = q
      .where('a.status', 'in', ['active', 'expiring'])
      .where('a.end_date', 'is not', null)
      .where(sql<SqlBool>`a.end_date BETWEEN ${f.today}::date AND ${f.today}::date + ${f.expiringWithinDays}::int`);
  }
  return q;
}

export function listAgreements(db: Db, scope: AgreementReader, f: AgreementFilter) {
  const sort = SORTS[f.sort];
  let q = filteredAgreements(db, scope, f).selectAll('a').select(exactTimestamp('a.updated_at').as('updated_key'));
  if (f.sort === 'end') q = q.where('a.end_date', 'is not', null);
  if (f.cursor) q = q.where(afterCursor(sort.column, 'a.id', f.cursor, sort.direction));
  return q.orderBy(sort.column, sort.direction).orderBy('a.id', sort.direction).limit(f.limit + 1).execute();
}

/** How many of the filtered agreements are in each status. */
export function countAgreementsByStatus(db: Db, scope: AgreementReader, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
  return filteredAgreements(db, scope, f)
    .select(['a.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('a.status')
    .execute();
}

/** Parties and area kinds of many agreements at once (for list pages). */
export async function summariesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return { parties: [], areas: [] };
  const [parties, areas] = await Promise.all([
    db
      .selectFrom('agreement_parties as p')
      .innerJoin('institutions as i', 'i.id', 'p.institution_id')
      .select(['p.agreement_id', 'p.institution_id as institutionId', 'i.code', 'i.name_vi as nameVi', 'i.name_en as nameEn', 'i.kind', 'i.country'])
      .where('p.agreement_id', 'in', ids)
      .orderBy('p.position')
      .execute(),
    db.selectFrom('agreement_areas').select(['agreement_id', 'kind']).where('agreement_id', 'in', ids).orderBy('position').execute(),
  ]);
  return { parties, areas };
}

// ---- the daily job (lifecycle-job.ts)

/** Agreements whose status may follow from the date (awaiting approval, active, expiring). */
export function agreementsWithDatedStatus(db: Db) {
  return db.selectFrom('agreements').select(['id', 'status', 'end_date']).where('status', 'in', ['awaiting_approval', 'active', 'expiring']).execute();
}

export function statusAndEnd(tx: Tx, id: string) {
  return tx.selectFrom('agreements').select(['status', 'end_date']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Records these reminders as sent; the kinds that were not recorded before. */
export async function recordReminders(tx: Tx, agreementId: string, kinds: string[]): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await tx
    .insertInto('agreement_reminders')
    .values(kinds.map((kind) => ({ agreement_id: agreementId, kind })))
    .onConflict((oc) => oc.columns(['agreement_id', 'kind']).doNothing())
    .returning('kind')
    .execute();
  return rows.map((r) => r.kind);
}

// ---- notifications about agreements (agreements/notifications.ts)

/** The parties' cooperation officers and admins, and the accounts of the points of contact. */
export async function participantUserIds(tx: Tx, agreementId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT u.id FROM users u
    WHERE u.status = 'active' AND (
      (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${agreementId}::uuid)
        AND u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[])
      OR u.person_id IN (SELECT person_id FROM agreement_contacts WHERE agreement_id = ${agreementId}::uuid))`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/**
 * SQL condition over an `agreements` row aliased `alias` and a `users` row aliased `user`: that user may see the
 * agreement now — `agreementReadable` for the user's own roles and person (docs/agreement-visibility.md), which
 * notifications apply to each recipient when sent and again when listed. Platform admins see everything.
 */
export function agreementReadableByUser(alias: string, user: string): Expression<SqlBool> {
  const a = sql.table(alias);
  const u = sql.table(user);
  const signedOrAnnounced = sql<SqlBool>`(${a}.status NOT IN (${sql.join([...EDITABLE])}) OR ${a}.visibility <> 'parties')`;
  return sql<SqlBool>`('platform_admin' = ANY(${u}.roles) OR (${u}.roles && ${rolesArray(READING_ROLES)} AND (
    (${signedOrAnnounced} AND ${agreementVisibleTo(alias, sql`${u}.institution_id`)})
    OR (${userNegotiatesFor(alias, user)})
    OR EXISTS (SELECT 1 FROM agreement_contacts uc WHERE uc.agreement_id = ${a}.id AND uc.person_id = ${u}.person_id))))`;
}

const rolesArray = (roles: readonly string[]) => sql`ARRAY[${sql.join(roles.map((r) => sql.lit(r)))}]::text[]`;

/** SQL condition: the user aliased `user` reads the negotiation of the agreement aliased `alias` (a negotiator of a party; platform admins). */
function userNegotiatesFor(alias: string, user: string): Expression<SqlBool> {
  const u = sql.table(user);
  return sql<SqlBool>`('platform_admin' = ANY(${u}.roles) OR (${u}.roles && ${rolesArray(NEGOTIATING_ROLES)}
    AND EXISTS (SELECT 1 FROM agreement_parties un WHERE un.agreement_id = ${sql.table(alias)}.id AND un.institution_id = ${u}.institution_id)))`;
}

/** Of these users, those who may see the agreement now (`agreementReadableByUser`; `negotiation`: and read its negotiation). */
export async function readersOfAgreement(tx: Tx, agreementId: string, userIds: string[], options: { negotiation?: boolean } = {}): Promise<string[]> {
  if (userIds.length === 0) return [];
  let q = tx
    .selectFrom('users as u')
    .innerJoin('agreements as a', (join) => join.on('a.id', '=', agreementId))
    .select('u.id')
    .where('u.id', 'in', userIds)
    .where(agreementReadableByUser('a', 'u'));
  if (options.negotiation) q = q.where(userNegotiatesFor('a', 'u'));
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

/**
 * SQL condition: the agreement whose id is in `idColumn` may be seen by the user whose id is in `userColumn` (the
 * notification's recipient: their roles, their person as a point of contact; `agreementReadableByUser`).
 */
export function agreementReadableIn(_scope: TenantScope, idColumn: string, userColumn: string) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM agreements na JOIN users nu ON nu.id = ${sql.ref(userColumn)}
    WHERE na.id = ${sql.ref(idColumn)} AND ${agreementReadableByUser('na', 'nu')})`;
}

export async function agreementTitles(tx: Tx, agreementId: string) {
  const row = await tx.selectFrom('agreements').select(['title_vi', 'title_en']).where('id', '=', agreementId).executeTakeFirstOrThrow();
  return { titleVi: row.title_vi, titleEn: row.title_en };
}

// ---- what needs a user, and whose agreements (use-cases/home-items.ts, use-cases/linked-agreements.ts)
// Read-only. Each takes the caller's TenantScope; the use cases pass what they find through the module's
// visibility check (access.ts) before showing it.

/** Statuses after which nothing is left to do about an agreement. */
const CLOSED_STATUSES = ['expired', 'terminated', 'renewed'] as const;

/** SQL condition: the person aliased `alias` is one the scope may see in the directory (own, or shared). */
const personShownIn = (scope: TenantScope, alias: string) =>
  scope.ownOrShared(`${alias}.institution_id`, sql<SqlBool>`${sql.ref(`${alias}.visibility`)} = 'consortium'`);

/**
 * How a user is named: the linked person's title and full name (join it only where the caller may see that
 * person, `personShownIn`), else the account's display name.
 */
const userNameSql = (user: string, person: string) =>
  sql<string>`coalesce(nullif(concat_ws(' ', ${sql.ref(`${person}.title`)}, ${sql.ref(`${person}.full_name`)}), ''), ${sql.ref(`${user}.display_name`)})`;

/** The title of an area of the agreement's current version, in one language (null if it has no such area). */
const areaTitleSql = (agreement: string, areaKey: Expression<string>, field: 'titleVi' | 'titleEn') =>
  sql<string | null>`(SELECT ar->>${field} FROM agreement_versions av, jsonb_array_elements(av.content->'areas') ar
    WHERE av.agreement_id = ${sql.table(agreement)}.id AND av.version_no = ${sql.table(agreement)}.current_version AND ar->>'key' = ${areaKey})`;

/** The person linked to a user account, if any. */
export async function personOfUser(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/**
 * Agreements in negotiation or awaiting approval whose current version `institutionId` has not approved (with
 * `institutionId` null, platform-wide: any party has not), newest change first, with the codes of the parties
 * whose approval is missing. At most `limit` rows.
 */
export function agreementsAwaitingApproval(db: Db, scope: TenantScope, institutionId: string | null, limit: number) {
  const missing = (party: string) =>
    sql<SqlBool>`NOT EXISTS (SELECT 1 FROM agreement_approvals ap WHERE ap.agreement_id = a.id AND ap.institution_id = ${sql.ref(party)}
      AND ap.content_hash = a.content_hash AND ap.voided_at IS NULL)`;
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.current_version', 'a.updated_at'])
    .select(
      sql<string[]>`ARRAY(SELECT mi.code::text FROM agreement_parties mp JOIN institutions mi ON mi.id = mp.institution_id
        WHERE mp.agreement_id = a.id AND ${missing('mp.institution_id')} ORDER BY mp.position)`.as('missing_codes'),
    )
    .where('a.status', 'in', ['negotiation', 'awaiting_approval'])
    .where(scope.agreementParty('a'))
    .where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties wp WHERE wp.agreement_id = a.id
        AND ${institutionId === null ? sql<SqlBool>`true` : sql<SqlBool>`wp.institution_id = ${institutionId}::uuid`} AND ${missing('wp.institution_id')})`,
    )
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/**
 * Per agreement of `institutionId`, the latest comment or proposal of another party, when `institutionId` has
 * not written one since: what is waiting for its answer — on agreements in one of `negotiating` statuses, and on
 * the others (in force) when written since `recentSince`. Newest first, at most `limit`.
 */
export async function commentsAwaitingAnswer(
  db: Db,
  scope: TenantScope,
  f: { institutionId: string; negotiating: readonly string[]; recentSince: Date; limit: number },
) {
  const { institutionId, limit } = f;
  const rows = await sql<{
    id: string;
    agreement_id: string;
    kind: 'comment' | 'proposal';
    body: string;
    created_at: Date;
    area_title_vi: string | null;
    area_title_en: string | null;
    title_vi: string;
    title_en: string;
    status: string;
    institution_code: string;
    author_name: string;
  }>`
    SELECT * FROM (
      SELECT DISTINCT ON (c.agreement_id) c.id, c.agreement_id, c.kind, c.body, c.created_at,
        ${areaTitleSql('a', sql`c.area_key`, 'titleVi')} AS area_title_vi, ${areaTitleSql('a', sql`c.area_key`, 'titleEn')} AS area_title_en,
        a.title_vi, a.title_en, a.status, i.code AS institution_code,
        coalesce(${userNameSql('u', 'p')}, c.author_label) AS author_name
      FROM agreement_comments c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN institutions i ON i.id = c.institution_id
      LEFT JOIN users u ON u.id = c.author_user_id
      LEFT JOIN people p ON p.id = u.person_id AND ${personShownIn(scope, 'p')}
      WHERE c.institution_id <> ${institutionId}::uuid
        AND a.status NOT IN (${sql.join([...CLOSED_STATUSES])})
        AND (a.status = ANY(${sql.val([...f.negotiating])}::text[]) OR c.created_at >= ${f.recentSince})
        AND EXISTS (SELECT 1 FROM agreement_parties mp WHERE mp.agreement_id = a.id AND mp.institution_id = ${institutionId}::uuid)
        AND ${scope.agreementParty('a')}
        AND NOT EXISTS (SELECT 1 FROM agreement_comments mine WHERE mine.agreement_id = c.agreement_id
          AND mine.institution_id = ${institutionId}::uuid AND mine.created_at >= c.created_at)
      ORDER BY c.agreement_id, c.created_at DESC, c.id DESC
    ) latest
    ORDER BY created_at DESC, id DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/**
 * Agreements in force whose end date is between `today` and `today + days`: those of `institutionId` (null:
 * platform-wide) and those where `personId` is a point of contact. Soonest first, at most `limit`.
 */
export function agreementsExpiringSoon(
  db: Db,
  scope: TenantScope,
  f: { institutionId: string | null; allInstitutions: boolean; personId: string | null; today: string; days: number; limit: number },
) {
  const mine: Expression<SqlBool>[] = [];
  if (f.allInstitutions) mine.push(sql<SqlBool>`true`);
  else if (f.institutionId) mine.push(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties ep WHERE ep.agreement_id = a.id AND ep.institution_id = ${f.institutionId}::uuid)`);
  if (f.personId) mine.push(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_contacts ec WHERE ec.agreement_id = a.id AND ec.person_id = ${f.personId}::uuid)`);
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.end_date'])
    .where('a.status', 'in', ['active', 'expiring'])
    .where('a.end_date', 'is not', null)
    .where(sql<SqlBool>`a.end_date BETWEEN ${f.today}::date AND ${f.today}::date + ${f.days}::int`)
    .where(mine.length > 0 ? sql<SqlBool>`(${sql.join(mine, sql` OR `)})` : sql<SqlBool>`false`)
    .where(scope.agreementVisible('a'))
    .orderBy('a.end_date')
    .orderBy('a.id')
    .limit(f.limit)
    .execute();
}

/**
 * The areas of agreements still open or in force where `personId` is a point of contact, with the area's titles
 * in both languages (from the current version); `includeClosed` also those of expired, terminated, renewed
 * agreements. Newest agreement first, at most `limit`.
 */
export async function areasWithContact(db: Db, scope: TenantScope, personId: string, f: { includeClosed: boolean; limit: number }) {
  return db
    .selectFrom('agreement_contacts as ct')
    .innerJoin('agreements as a', 'a.id', 'ct.agreement_id')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.kind', 'a.start_date', 'a.end_date', 'a.visibility', 'ct.area_key'])
    .select([areaTitleSql('a', sql.ref('ct.area_key'), 'titleVi').as('area_title_vi'), areaTitleSql('a', sql.ref('ct.area_key'), 'titleEn').as('area_title_en')])
    .where('ct.person_id', '=', personId)
    .$if(!f.includeClosed, (q) => q.where('a.status', 'not in', [...CLOSED_STATUSES]))
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .orderBy('ct.area_key')
    .limit(f.limit)
    .execute();
}

/** Whether `personId` is a point of contact of any agreement still open or in force. */
export async function isContactOfOpenAgreement(db: Db, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agreement_contacts as ct')
    .innerJoin('agreements as a', 'a.id', 'ct.agreement_id')
    .select('a.id')
    .where('ct.person_id', '=', personId)
    .where('a.status', 'not in', [...CLOSED_STATUSES])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What other institutions did since `since` on agreements `institutionId` is a party to (null: platform-wide,
 * anyone): approvals, comments, proposals and status changes by a user, from the audit log, newest first, at
 * most `limit`. The actor is named (title and name), with their institution's code.
 */
export function partnerActivity(db: Db, scope: TenantScope, institutionId: string | null, since: Date, limit: number) {
  let q = db
    .selectFrom('audit_log as l')
    .innerJoin('agreements as a', (j) => j.on(sql<SqlBool>`a.id::text = l.entity_id`))
    .innerJoin('users as u', 'u.id', 'l.actor_user_id')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'u.person_id').on(personShownIn(scope, 'p')))
    .select(['l.id', 'l.action', 'l.after', 'l.created_at', 'a.id as agreement_id', 'a.title_vi', 'a.title_en', 'a.status', 'i.code as institution_code'])
    .select(userNameSql('u', 'p').as('actor_name'))
    .where('l.entity', '=', 'agreement')
    .where('l.action', 'in', ['approve', 'comment', 'propose', 'status'])
    .where('l.created_at', '>=', since)
    .where(scope.agreementParty('a'));
  if (institutionId !== null) {
    q = q
      .where('u.institution_id', '<>', institutionId)
      .where(sql<SqlBool>`EXISTS (SELECT 1 FROM audit_owners o WHERE o.audit_id = l.id AND o.institution_id = ${institutionId}::uuid)`)
      .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties mp WHERE mp.agreement_id = a.id AND mp.institution_id = ${institutionId}::uuid)`);
  }
  return q.orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
}

/**
 * Agreements in force (active, expiring) of `institutionId` with areas of these kinds (exchange, internships…),
 * with those areas' titles in both languages; newest first, at most `limit`.
 */
export function agreementsInForceWithAreas(db: Db, scope: TenantScope, institutionId: string, kinds: readonly string[], limit: number) {
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.end_date'])
    .select(
      sql<{ titleVi: string; titleEn: string }[]>`coalesce((SELECT jsonb_agg(jsonb_build_object('titleVi', ar->>'titleVi', 'titleEn', ar->>'titleEn'))
        FROM agreement_versions av, jsonb_array_elements(av.content->'areas') ar
        WHERE av.agreement_id = a.id AND av.version_no = a.current_version AND ar->>'kind' = ANY(${sql.val([...kinds])}::text[])), '[]'::jsonb)`.as('areas'),
    )
    .where('a.status', 'in', ['active', 'expiring'])
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties op WHERE op.agreement_id = a.id AND op.institution_id = ${institutionId}::uuid)`)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_areas oa WHERE oa.agreement_id = a.id AND oa.kind = ANY(${sql.val([...kinds])}::text[]))`)
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The agreements `institutionId` is a party to that the scope may see, newest start first, at most `limit`. */
export function agreementsOfParty(db: Db, scope: TenantScope, institutionId: string, limit: number) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('agreement_parties as pp', 'pp.agreement_id', 'a.id')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.kind', 'a.start_date', 'a.end_date', 'a.visibility'])
    .where('pp.institution_id', '=', institutionId)
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
