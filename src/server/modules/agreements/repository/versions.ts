import { type Insertable, sql } from 'kysely';
import type { AgreementContent } from '../../../../contracts/agreements.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { Database } from '../../../platform/db-schema.ts';
import type { AgreementRow } from './visible-agreements.ts';

// Writing an agreement and its versions: the row, each version's content, and the projections of the current
// content (parties, areas, contacts, targets) that the other queries read; reading the versions and the history.

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

export async function setVisibility(tx: Tx, id: string, visibility: AgreementRow['visibility']) {
  await tx.updateTable('agreements').set({ visibility, updated_at: sql`now()` }).where('id', '=', id).execute();
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
