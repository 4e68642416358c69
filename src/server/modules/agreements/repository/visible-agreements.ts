import { type Expression, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import { EDITABLE } from '../../../../engines/agreements/lifecycle.ts';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';

// Finding agreements for a caller: what the reader may see (docs/agreement-visibility.md), as SQL conditions
// the other queries reuse, and the agreements found through them.

export type AgreementRow = Selectable<Database['agreements']>;

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
  const early = reader.negotiates ? reader.agreementParty(alias) : readerInvolved(reader, alias);
  return sql<SqlBool>`((${signedOrAnnounced(alias)} AND ${reader.agreementVisible(alias)}) OR ${early})`;
}

/**
 * SQL condition over an `agreements` row aliased `alias`: it is signed (in force or past it) or its parties
 * announced it (shared with the consortium or public) — what every reader its visibility reaches may see.
 */
export function signedOrAnnounced(alias: string): Expression<SqlBool> {
  const a = sql.table(alias);
  return sql<SqlBool>`(${a}.status NOT IN (${sql.join([...EDITABLE])}) OR ${a}.visibility <> 'parties')`;
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
