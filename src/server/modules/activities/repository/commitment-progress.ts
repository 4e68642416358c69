import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

// Quantified commitments (progress.ts): their figures stored by the database (0018) and counted from the records.

export interface CommitmentRow {
  area_key: string;
  area_title_vi: string;
  area_title_en: string;
  commitment_key: string;
  text_vi: string;
  text_en: string;
  from_code: string;
  to_code: string | null;
  from_institution_id: string;
  to_institution_id: string | null;
  quantity: number;
  per_year: boolean;
  /** What it delivered (commitment_actuals, kept by the database: 0018): in the year asked for one per year, else over the agreement. */
  actual: number;
}

/** The agreement's quantified commitments in its current content, in content order, each with its stored actual. */
export async function commitmentsProgress(db: Db | Tx, agreementId: string, year: number): Promise<CommitmentRow[]> {
  const rows = await sql<CommitmentRow>`SELECT c.area_key, c.area_title_vi, c.area_title_en, c.commitment_key, c.text_vi, c.text_en,
      fi.code::text AS from_code, ti.code::text AS to_code, c.from_institution_id, c.to_institution_id, c.quantity, c.per_year,
      coalesce(ca.actual, 0) AS actual
    FROM (SELECT ar->>'key' AS area_key, ar->>'titleVi' AS area_title_vi, ar->>'titleEn' AS area_title_en,
        cm->>'key' AS commitment_key, cm->>'textVi' AS text_vi, cm->>'textEn' AS text_en,
        (cm->>'fromInstitutionId')::uuid AS from_institution_id, nullif(cm->>'toInstitutionId', '')::uuid AS to_institution_id,
        (cm->>'quantity')::float8 AS quantity, coalesce((cm->>'perYear')::boolean, false) AS per_year, ai * 1000 + ci AS position
      FROM agreements ag JOIN agreement_versions v ON v.agreement_id = ag.id AND v.version_no = ag.current_version,
        jsonb_array_elements(v.content->'areas') WITH ORDINALITY ar(ar, ai),
        jsonb_array_elements(coalesce(ar->'commitments', '[]'::jsonb)) WITH ORDINALITY cm(cm, ci)
      WHERE ag.id = ${agreementId}::uuid AND jsonb_typeof(cm->'quantity') = 'number') c
    LEFT JOIN institutions fi ON fi.id = c.from_institution_id
    LEFT JOIN institutions ti ON ti.id = c.to_institution_id
    LEFT JOIN commitment_actuals ca ON ca.agreement_id = ${agreementId}::uuid AND ca.area_key = c.area_key
      AND ca.commitment_key = c.commitment_key AND ca.year = CASE WHEN c.per_year THEN ${year}::int ELSE 0 END
    ORDER BY c.position`.execute(db);
  return rows.rows;
}

/** Every row of commitment_actuals of the agreement (for the test that compares them with the records). */
export function storedCommitmentActuals(db: Db | Tx, agreementId: string) {
  return db.selectFrom('commitment_actuals').select(['area_key', 'commitment_key', 'year', 'actual']).where('agreement_id', '=', agreementId).execute();
}

/** The records a commitment counts: done, under its area, organised by the committing party, with a participant or count of the receiver. */
export interface CommitmentFilter {
  fromInstitutionId: string;
  toInstitutionId: string | null;
  from: string;
  to: string;
}

/** SQL: the institution column is the receiving party's (named), or any party but the committing one. */
export const receivedBy = (c: { fromInstitutionId: string; toInstitutionId: string | null }) =>
  c.toInstitutionId ? sql`= ${c.toInstitutionId}::uuid` : sql`<> ${c.fromInstitutionId}::uuid`;

/**
 * What a commitment delivered within [from, to], computed from the records: the people of the receiving party —
 * each named person once, plus the counted ones — in the done activities of the area that the committing party
 * organised. The stored figures (commitment_actuals) must equal it; the test compares them.
 */
export async function commitmentActual(db: Db | Tx, agreementId: string, areaKey: string, c: CommitmentFilter): Promise<number> {
  const receiver = receivedBy(c);
  const row = await sql<{ people: number }>`WITH x AS (
      SELECT a.id FROM activities a WHERE a.agreement_id = ${agreementId}::uuid AND a.area_key = ${areaKey} AND a.status = 'done'
        AND a.start_date BETWEEN ${c.from}::date AND ${c.to}::date
        AND EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${c.fromInstitutionId}::uuid))
    SELECT ((SELECT count(DISTINCT p.person_id) FROM activity_participants p JOIN x ON x.id = p.activity_id WHERE p.institution_id ${receiver})
      + (SELECT coalesce(sum(k.count), 0) FROM activity_counts k JOIN x ON x.id = k.activity_id WHERE k.institution_id ${receiver}))::float8 AS people`.execute(db);
  return row.rows[0]?.people ?? 0;
}
