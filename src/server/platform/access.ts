import { sql, type Expression, type SqlBool } from 'kysely';
import { isPlatformAdmin, requireActor, type RequestContext } from './context.ts';

// Tenancy, in one place. Every repository query over institution-owned rows goes through a
// TenantScope built from the request context; there is no other way to get one, and building it
// without an actor throws, so an unauthenticated path can never read tenant data by accident.
//
//  - own:      rows of the actor's institution only (accounts, tokens, audit, outbox, private people)
//  - visible:  own rows plus rows of institutions that share a consortium with it (directory)
// Platform admins, who operate the deployment, see every institution.
export interface TenantScope {
  institutionId: string;
  allInstitutions: boolean;
  /** SQL condition: `column` is the actor's institution. */
  own(column: string): Expression<SqlBool>;
  /** SQL condition: `column` is an institution the actor may see. */
  visible(column: string): Expression<SqlBool>;
  /** SQL condition for records an institution may keep private: own rows, or visible rows marked shared. */
  ownOrShared(column: string, isShared: Expression<SqlBool>): Expression<SqlBool>;
  /**
   * SQL condition over an `agreements` row aliased `alias`: the actor's institution is a party, or the
   * agreement is public, or it is shared with the consortium and some party shares one with the actor.
   */
  agreementVisible(alias: string): Expression<SqlBool>;
  /**
   * SQL condition over an `agreements` row aliased `alias`: the actor's institution is one of its parties
   * (what acting for a party, the negotiation and a party's private note need). Platform admins pass.
   */
  agreementParty(alias: string): Expression<SqlBool>;
}

/**
 * The institutions the actor may see, as an array computed once per query (an InitPlan):
 * `col = ANY(ARRAY(…))` lets the planner use indexes on `col`, where `col IN (SELECT …)` was planned
 * as a hashed subplan that read every agreement_parties row on each list query (bench/README.md).
 */
function visibleInstitutionsArray(institution: Expression<string>) {
  return sql`ARRAY(SELECT ${institution} UNION SELECT m2.institution_id FROM consortium_members m1
    JOIN consortium_members m2 ON m2.consortium_id = m1.consortium_id WHERE m1.institution_id = ${institution})`;
}

/**
 * SQL condition over an `agreements` row aliased `alias`: the institution `institution` (a uuid value
 * or a column, e.g. a notification recipient's) may see it. `TenantScope.agreementVisible` is this for
 * the actor; notifications use it for each recipient, when sent and again when listed (within the role-aware
 * rule of modules/agreements/repository.ts `agreementReadableByUser`).
 */
export function agreementVisibleTo(alias: string, institution: Expression<string>): Expression<SqlBool> {
  const a = sql.table(alias);
  // One look at the agreement's parties (two to five rows) answers both "the institution is a party"
  // and "a party shares a consortium with it" (for agreements shared with the consortium).
  return sql<SqlBool>`(${a}.visibility = 'public' OR EXISTS (SELECT 1 FROM agreement_parties vp
    WHERE vp.agreement_id = ${a}.id AND (vp.institution_id = ${institution}
      OR (${a}.visibility = 'consortium' AND vp.institution_id = ANY(${visibleInstitutionsArray(institution)})))))`;
}

export function tenantScope(ctx: RequestContext): TenantScope {
  const actor = requireActor(ctx);
  const all = isPlatformAdmin(ctx);
  const institutionId = actor.institutionId;
  const me = sql<string>`${institutionId}::uuid`;
  return {
    institutionId,
    allInstitutions: all,
    own: (column) => (all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ${institutionId}::uuid`),
    visible: (column) =>
      all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ANY(${visibleInstitutionsArray(me)})`,
    ownOrShared: (column, isShared) =>
      all
        ? sql<SqlBool>`true`
        : sql<SqlBool>`(${sql.ref(column)} = ${institutionId}::uuid OR (${isShared} AND ${sql.ref(column)} = ANY(${visibleInstitutionsArray(me)})))`,
    agreementVisible: (alias) => (all ? sql<SqlBool>`true` : agreementVisibleTo(alias, me)),
    agreementParty: (alias) =>
      all
        ? sql<SqlBool>`true`
        : sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties pp WHERE pp.agreement_id = ${sql.table(alias)}.id AND pp.institution_id = ${me})`,
  };
}
