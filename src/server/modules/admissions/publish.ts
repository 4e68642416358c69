import type { z } from 'zod';
import type { LookupAdmission, PublishRun, Season } from '../../../contracts/admissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { assertVersion } from '../../platform/versioning.ts';
import * as repo from './repository.ts';
import { getSeason, presentSeason, requireRun, requireSeason } from './service.ts';

// Publishing a season's results (issue 13, item 3): the season records one done final run as published; candidates then
// see their outcome in the exams module's public lookup (`candidateAdmissions`). Publishing a later final run replaces
// it. Only done runs can be published, so a run that fails or is cancelled never touches what candidates see.

/** Publishes a done final run of its season; 409 for a dry run, a run not done, while a run of the season is in progress. */
export async function publishRun(deps: AppDeps, ctx: RequestContext, runId: string, input: z.infer<typeof PublishRun>): Promise<Season> {
  await inTransaction(deps.db, async (tx) => {
    const run = await requireRun(tx, ctx, runId);
    const { actor, row: season } = await requireSeason(tx, ctx, run.season_id, true);
    const members = await repo.membersOf(tx, [season.id]);
    assertVersion(season, input.version, (r) => presentSeason(r, members, actor));
    if (run.kind !== 'final') throw new AppError('conflict', { messageKey: 'errors.admission_publish_dry_run' });
    if (run.status !== 'done') throw new AppError('conflict', { messageKey: 'errors.admission_run_not_done' });
    if (season.published_run_id === run.id) throw new AppError('conflict', { messageKey: 'errors.admission_run_already_published' });
    // A run in progress would put the season's status back when it ends (run-job.ts).
    if (await repo.activeRun(tx, season.id)) {
      throw new AppError('conflict', { messageKey: 'errors.admission_run_active', params: { season: ctx.lang === 'en' ? season.title_en : season.title_vi } });
    }
    await repo.publishRun(tx, season.id, run.id);
    await recordAudit(tx, ctx, {
      entity: 'admission_season',
      entityId: season.id,
      action: 'publish',
      owners: [season.institution_id],
      before: { publishedRunId: season.published_run_id, status: season.status },
      after: { publishedRunId: run.id, status: 'published', matched: run.matched, candidates: run.candidates },
    });
  });
  const run = await requireRun(deps.db, ctx, runId);
  return getSeason(deps, ctx, run.season_id);
}

/**
 * For the exams module's public lookup (the candidate proved who they are): each published season whose published run
 * includes the exam candidate — the institution, the season, the admitted program or none, and each preference's
 * outcome (admitted; not admitted; not considered because a higher preference admitted them).
 */
export async function candidateAdmissions(deps: AppDeps, examCandidateId: string): Promise<z.infer<typeof LookupAdmission>[]> {
  const outcomes = await repo.publishedOutcomes(deps.db, examCandidateId);
  return outcomes.map((o) => {
    const own = o.preferences;
    const admitted = own.find((p) => p.program_id === o.program_id);
    return {
      institutionNameVi: o.institution_name_vi,
      institutionNameEn: o.institution_name_en,
      seasonTitleVi: o.title_vi,
      seasonTitleEn: o.title_en,
      year: o.year,
      admitted:
        admitted && o.rank !== null && o.score !== null
          ? { programCode: admitted.code, nameVi: admitted.name_vi, nameEn: admitted.name_en, rank: o.rank, score: o.score }
          : null,
      preferences: own.map((p) => ({
        rank: p.rank,
        programCode: p.code,
        nameVi: p.name_vi,
        nameEn: p.name_en,
        outcome: p.program_id === o.program_id ? 'admitted' : o.rank !== null && p.rank > o.rank ? 'higher_choice_admitted' : 'not_admitted',
      })),
    };
  });
}
