import type { z } from 'zod';
import type { CreateEquivalenceTable, EquivalenceSegment, EquivalenceSource, EquivalenceTableRecord, UpdateEquivalenceTable } from '../../../contracts/admissions.ts';
import { buildTableFromDistributions, type EquivalenceTable, makeTable, validateTable } from '../../../engines/admission/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { examStatistics } from '../exams/service.ts';
import { assertMayManageSeason, requireAdmissionsManager } from './policy.ts';
import * as repo from './repository.ts';
import { assertSeasonEditable, readSeason, requireSeason } from './service.ts';

// A season's equivalence tables (engine: equivalence.ts): named conversions from a raw weighted total to the 30-point
// scale that its programs' methods name (`equivalence`). Entered as segments (checked by the engine's validateTable:
// sorted, non-overlapping, increasing), or built from two exams' published percentile tables (exams statistics: the
// score at each percentile 1…100 of a subject) by the engine's buildTableFromDistributions — read through the exams
// module, so only statistics the caller may read (its own exams, or published ones shared with it). The season's
// coordinator edits them; a table a method names is neither renamed nor deleted (409).

type Segment = z.infer<typeof EquivalenceSegment>;
type Source = z.infer<typeof EquivalenceSource>;

export function presentTable(row: repo.EquivalenceTableRow): EquivalenceTableRecord {
  return {
    id: row.id,
    seasonId: row.season_id,
    name: row.name,
    segments: row.segments as Segment[],
    source: (row.source as Source | null) ?? null,
    usedBy: row.used_by,
    version: row.version,
  };
}

/** The season's tables as the engine takes them (a run converts through them). */
export async function engineTables(db: AppDeps['db'] | Tx, seasonId: string): Promise<Map<string, EquivalenceTable>> {
  return new Map((await repo.tablesOf(db, seasonId)).map((t) => [t.name, makeTable(t.name, t.segments as Segment[])]));
}

/** 400 naming the first bad segment (the engine's check on the segments as given, in their order). */
function checkSegments(name: string, segments: Segment[]) {
  const problems = validateTable({ fromScale: name, segments });
  if (problems.length === 0) return;
  const at = /segment (\d+)/.exec(problems[0]);
  const field = at ? `segments.${Number(at[1]) - 1}` : 'segments';
  throw new AppError('validation_failed', { fields: [{ field, code: 'invalid_equivalence_table' }] });
}

/**
 * A subject's percentile table (scores at p = 1…100) as the caller may read it, multiplied by `factor`; 400 naming the
 * field otherwise.
 */
async function percentilesOf(deps: AppDeps, ctx: RequestContext, examId: string, subject: string, side: 'from' | 'to', factor = 1) {
  let stats: Awaited<ReturnType<typeof examStatistics>>;
  try {
    stats = await examStatistics(deps, ctx, examId);
  } catch (err) {
    // Another institution's draft exam, or one the caller may not read, is no exam to it.
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden')) {
      throw new AppError('validation_failed', { fields: [{ field: `build.${side}ExamId`, code: 'unknown_exam' }] });
    }
    throw err;
  }
  const s = stats.subjects.find((x) => x.subjectKey === subject);
  if (!s) throw new AppError('validation_failed', { fields: [{ field: `build.${side}Subject`, code: 'unknown_subject', params: { value: subject } }] });
  return s.percentiles.map((p) => p.score * factor);
}

/**
 * Segments built from the two subjects' percentile tables (rounded to 2 decimals, as scores are published): raw scores
 * of the source subject to the target subject's scores brought to the 30-point scale (× 30 / its maximum), so the top
 * p% of one scores what the top p% of the other scores, out of 30.
 */
async function buildSegments(deps: AppDeps, ctx: RequestContext, name: string, build: Source): Promise<Segment[]> {
  const from = await percentilesOf(deps, ctx, build.fromExamId, build.fromSubject, 'from');
  const target = (await repo.subjectsOfExams(deps.db, [build.toExamId])).find((s) => s.key === build.toSubject);
  const to = await percentilesOf(deps, ctx, build.toExamId, build.toSubject, 'to', target ? 30 / Number(target.max_score) : 1);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  try {
    if (from.length === 0 || to.length === 0) throw new RangeError('empty distribution');
    const table = buildTableFromDistributions(name, from, to);
    const segments = table.segments.map((s) => ({ a: r2(s.a), b: r2(s.b), c: r2(Math.min(30, s.c)), d: r2(Math.min(30, s.d)), label: s.label }));
    checkSegments(name, segments);
    return segments;
  } catch (err) {
    if (!(err instanceof RangeError) && !(err instanceof AppError)) throw err;
    throw new AppError('validation_failed', { fields: [{ field: 'build', code: 'no_distribution' }] });
  }
}

export async function listTables(deps: AppDeps, ctx: RequestContext, seasonId: string) {
  const { row } = await readSeason(deps.db, ctx, seasonId);
  return { items: (await repo.tablesOf(deps.db, row.id)).map(presentTable) };
}

export async function createTable(deps: AppDeps, ctx: RequestContext, seasonId: string, input: z.infer<typeof CreateEquivalenceTable>) {
  // The season first (401/403/404 before any 400); the statistics are read before the transaction (the exams module's reads).
  await requireSeason(deps.db, ctx, seasonId);
  if ((input.segments === undefined) === (input.build === undefined)) {
    throw new AppError('validation_failed', { fields: [{ field: 'segments', code: 'segments_or_build' }] });
  }
  const segments = input.segments ?? (await buildSegments(deps, ctx, input.name, input.build!));
  if (input.segments) checkSegments(input.name, input.segments);
  return inTransaction(deps.db, async (tx) => {
    const { row: season } = await requireSeason(tx, ctx, seasonId, true);
    await assertSeasonEditable(tx, ctx, season);
    const id = await repo.insertTable(tx, {
      season_id: season.id,
      institution_id: season.institution_id,
      name: input.name,
      segments: JSON.stringify(segments),
      source: input.build ? JSON.stringify(input.build) : null,
    });
    const created = presentTable(await repo.findEquivalenceTable(tx, id));
    await recordAudit(tx, ctx, { entity: 'admission_equivalence_table', entityId: id, action: 'create', owners: [season.institution_id], after: created });
    return created;
  });
}

/** A table of a season the caller's institution is a member of (404 otherwise), when the caller coordinates it (else 403). */
async function lockOwnTable(tx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.lockEquivalenceTable(tx, tenantScope(ctx), id);
  if (!row) throw notFound('admission_equivalence_table');
  assertMayManageSeason(requireAdmissionsManager(ctx), row);
  const { row: season } = await requireSeason(tx, ctx, row.season_id, true);
  await assertSeasonEditable(tx, ctx, season);
  return { row, season };
}

const inUse = (row: repo.EquivalenceTableRow) =>
  new AppError('conflict', { messageKey: 'errors.admission_equivalence_in_use', params: { programs: row.used_by.join(', ') } });

/** Renames a table or replaces its segments (entered by hand from then on). */
export async function updateEquivalenceTable(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateEquivalenceTable>) {
  return inTransaction(deps.db, async (tx) => {
    const { row, season } = await lockOwnTable(tx, ctx, id);
    assertVersion(row, input.version, presentTable);
    if (input.name !== undefined && input.name !== row.name && row.used_by.length > 0) throw inUse(row);
    if (input.segments) checkSegments(input.name ?? row.name, input.segments);
    await repo.updateEquivalenceTable(tx, id, {
      name: input.name,
      segments: input.segments === undefined ? undefined : JSON.stringify(input.segments),
      source: input.segments === undefined ? undefined : null,
    });
    const after = presentTable(await repo.findEquivalenceTable(tx, id));
    await recordAudit(tx, ctx, { entity: 'admission_equivalence_table', entityId: id, action: 'update', owners: [season.institution_id], before: presentTable(row), after });
    return after;
  });
}

export async function deleteEquivalenceTable(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const { row, season } = await lockOwnTable(tx, ctx, id);
    if (row.used_by.length > 0) throw inUse(row);
    await repo.deleteEquivalenceTable(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_equivalence_table', entityId: id, action: 'delete', owners: [season.institution_id], before: presentTable(row) });
    return { ok: true as const };
  });
}
