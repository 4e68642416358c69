import { z } from 'zod';
import type { PreferenceImportResult } from '../../../contracts/admissions.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { fold } from '../activities/import/columns.ts';
import { cellText, fileIssue, readAll, readTable, tableColumns, uploadMode } from '../activities/import/read-file.ts';
import type { ImportUpload } from '../http.ts';
import * as repo from './repository.ts';
import { replacePreferences, requireSeason } from './service.ts';

// The candidates' preferences of a season (in a consortium season, one file across every member's programs, imported
// by the coordinator; the rank is the candidate's, across them all) from an XLSX or CSV file, in the columns of `hoptac admission score
// --preferences` (candidate_id, rank, program_id) plus `score` for external candidates: a candidate_id that is a
// uuid names an exam's candidate (exam_candidates.id: the member institutions' own exams, or published ones); any other is
// an external candidate, whose admission score the file gives. program_id is the program's code in the season. Every
// bad row is reported (unknown candidate or program, a rank or program twice for a candidate, a bad number); the
// import replaces all of the season's preferences, or none.

export const MAX_PREFERENCE_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_PREFERENCE_IMPORT_ROWS = 200_000;
const LIMITS = { maxBytes: MAX_PREFERENCE_IMPORT_BYTES, maxRows: MAX_PREFERENCE_IMPORT_ROWS };
export const PreferenceImportMode = z.enum(['preview', 'all']);

const COLUMNS = ['candidate_id', 'rank', 'program_id', 'score'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['candidate_id', 'rank', 'program_id'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Problems reported at most (a file of wrong columns would otherwise answer a problem per row). */
const MAX_PROBLEMS = 200;

export async function importPreferences(
  deps: AppDeps,
  ctx: RequestContext,
  seasonId: string,
  readUpload: () => Promise<ImportUpload | undefined>,
): Promise<z.infer<typeof PreferenceImportResult>> {
  // Before reading the file: 403 for roles that run no admissions, 404 for another institution's season.
  const { row: season } = await requireSeason(deps.db, ctx, seasonId);
  const upload = await readUpload();
  if (!upload) throw fileIssue('required');
  const mode = uploadMode(upload, PreferenceImportMode);
  const bytes = await readAll(upload.stream, LIMITS);
  if (bytes.length === 0) throw fileIssue('no_rows');
  const table = await readTable(bytes, LIMITS);
  const columnOf = (header: string) => COLUMNS.find((c) => fold(c) === fold(header) || fold(c.replace('_', ' ')) === fold(header));
  const { rows, cellOf } = tableColumns(table, columnOf, REQUIRED, (c) => c, MAX_PREFERENCE_IMPORT_ROWS);

  const programs = new Map((await repo.programsOf(deps.db, season.id)).map((p) => [p.code.toUpperCase(), p.id]));
  const uuids = [...new Set(rows.map((r) => cellText(cellOf(r, 'candidate_id'))).filter((t) => UUID.test(t)).map((t) => t.toLowerCase()))];
  const known = await repo.knownCandidates(deps.db, await repo.memberIds(deps.db, season.id), uuids);

  const issues: FieldIssue[] = [];
  const bad = (row: number, code: string, params: Record<string, unknown> = {}) => {
    if (issues.length < MAX_PROBLEMS) issues.push({ field: 'file', code, params: { row, ...params } });
  };
  const firstRank = new Map<string, number>(); // candidate|rank → row
  const firstProgram = new Map<string, number>(); // candidate|program → row
  const out: Parameters<typeof replacePreferences>[3] = [];
  const candidates = new Set<string>();
  for (const r of rows) {
    const text = (c: Column) => cellText(cellOf(r, c));
    if (COLUMNS.some((c) => text(c).includes('\u0000'))) {
      bad(r.row, 'row_no_nul');
      continue;
    }
    const candidate = text('candidate_id');
    const isExam = UUID.test(candidate);
    const examCandidateId = isExam ? candidate.toLowerCase() : null;
    let ok = true;
    if (candidate === '') {
      bad(r.row, 'row_required', { column: 'candidate_id' });
      ok = false;
    } else if (candidate.length > 100) {
      bad(r.row, 'row_too_long', { column: 'candidate_id', maximum: 100 });
      ok = false;
    } else if (examCandidateId && !known.has(examCandidateId)) {
      bad(r.row, 'unknown_candidate', { value: candidate });
      ok = false;
    }
    const code = text('program_id');
    const programId = programs.get(code.toUpperCase());
    if (code === '') {
      bad(r.row, 'row_required', { column: 'program_id' });
      ok = false;
    } else if (!programId) {
      bad(r.row, 'unknown_program', { value: code.slice(0, 60) });
      ok = false;
    }
    const rankText = text('rank');
    const rank = /^\d{1,9}$/.test(rankText) ? Number(rankText) : Number.NaN;
    if (!(rank >= 1)) {
      bad(r.row, 'row_bad_rank', { value: rankText.slice(0, 20) });
      ok = false;
    }
    let externalScore: number | null = null;
    const scoreText = text('score').replace(',', '.');
    if (!isExam && candidate !== '') {
      externalScore = /^\d{1,2}(\.\d{1,2})?$/.test(scoreText) ? Number(scoreText) : Number.NaN;
      if (!(externalScore >= 0 && externalScore <= 30)) {
        bad(r.row, 'row_bad_score', { value: scoreText.slice(0, 20) });
        ok = false;
      }
    }
    if (!ok) continue;
    const key = examCandidateId ?? `ext:${candidate}`;
    const rankKey = `${key}|${rank}`;
    const programKey = `${key}|${programId}`;
    if (firstRank.has(rankKey)) {
      bad(r.row, 'duplicate_rank', { value: candidate, rank, first: firstRank.get(rankKey) });
      continue;
    }
    if (firstProgram.has(programKey)) {
      bad(r.row, 'duplicate_preference', { value: candidate, program: code, first: firstProgram.get(programKey) });
      continue;
    }
    firstRank.set(rankKey, r.row);
    firstProgram.set(programKey, r.row);
    candidates.add(key);
    out.push({ examCandidateId, externalCandidateId: isExam ? null : candidate, externalScore, programId: programId!, rank });
  }
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  if (mode === 'preview') return { replaced: 0, created: 0, candidates: candidates.size };
  return replacePreferences(deps, ctx, season.id, out, candidates.size);
}
