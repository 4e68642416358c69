import { z } from 'zod';
import type { PreferenceImportResult } from '../../../contracts/admissions.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { fold } from '../activities/import/columns.ts';
import { cellText, fileIssue, readAll, readTable, tableColumns, uploadMode } from '../activities/import/read-file.ts';
import type { ImportUpload } from '../http.ts';
import { isPriorityGroup, isRegion } from '../../../engines/admission/index.ts';
import * as repo from './repository.ts';
import type { ProfileInput } from './repository/priority.ts';
import { replacePreferences, requireSeason } from './service.ts';

// The candidates' preferences of a season (in a consortium season, one file across every member's programs, imported
// by the coordinator; the rank is the candidate's, across them all) from an XLSX or CSV file, in the columns of `hoptac admission score
// --preferences` (candidate_id, rank, program_id) plus `score` for external candidates: a candidate_id that is a
// uuid names an exam's candidate (exam_candidates.id: the member institutions' own exams, or published ones); any other is
// an external candidate, whose admission score the file gives. Instead of candidate_id, `candidate_number` names an exam
// candidate by its number (số báo danh) in those exams: a number no such exam has, or two of them have, is a row error.
// program_id is the program's code in the season. The optional priority columns are those of the CLI's candidates.csv
// (region, groups — also as `priority_groups` —, graduation_year, bonus): a candidate's priority profile, given on any of
// its rows (rows that give it must agree). Every bad row is reported (unknown candidate or program, a rank or program
// twice for a candidate, a bad number or priority value); the import replaces all of the season's preferences and
// profiles, or none.

export const MAX_PREFERENCE_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_PREFERENCE_IMPORT_ROWS = 200_000;
const LIMITS = { maxBytes: MAX_PREFERENCE_IMPORT_BYTES, maxRows: MAX_PREFERENCE_IMPORT_ROWS };
export const PreferenceImportMode = z.enum(['preview', 'all']);

const COLUMNS = ['candidate_id', 'candidate_number', 'rank', 'program_id', 'score', 'region', 'groups', 'graduation_year', 'bonus'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['rank', 'program_id'];
/** Other headers of a column: `priority_groups` is the groups column (the CLI's candidates.csv calls it `groups`). */
const ALIASES: Record<string, Column> = { priority_groups: 'groups' };
const PROFILE_COLUMNS = ['region', 'groups', 'graduation_year', 'bonus'] as const;
/** Graduation years accepted: from this one to the season's year. */
const FIRST_GRADUATION_YEAR = 1950;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Bonus points above the 30-point scale are a mistake; up to it, the engine caps them (10% of the scale). */
const MAX_BONUS = 30;
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
  const named = (c: string, header: string) => fold(c) === fold(header) || fold(c.replaceAll('_', ' ')) === fold(header);
  const columnOf = (header: string) => COLUMNS.find((c) => named(c, header)) ?? Object.entries(ALIASES).find(([a]) => named(a, header))?.[1];
  const { rows, cellOf, at } = tableColumns(table, columnOf, REQUIRED, (c) => c, MAX_PREFERENCE_IMPORT_ROWS);
  if (!at.has('candidate_id') && !at.has('candidate_number')) throw fileIssue('missing_columns', { columns: 'candidate_id' });
  /** A column as the file names it, for row errors. */
  const header = (c: Column) => (at.has(c) ? table.headers[at.get(c)!].trim() : c);

  const programs = new Map((await repo.programsOf(deps.db, season.id)).map((p) => [p.code.toUpperCase(), p.id]));
  const members = await repo.memberIds(deps.db, season.id);
  const uuids = [...new Set(rows.map((r) => cellText(cellOf(r, 'candidate_id'))).filter((t) => UUID.test(t)).map((t) => t.toLowerCase()))];
  const known = await repo.knownCandidates(deps.db, members, uuids);
  const numbers = [...new Set(rows.map((r) => cellText(cellOf(r, 'candidate_number'))).filter((t) => t !== '' && t.length <= 40 && !t.includes('\u0000')))];
  const byNumber = new Map<string, string[]>();
  for (const c of await repo.candidatesByNumber(deps.db, members, numbers)) byNumber.set(c.number, [...(byNumber.get(c.number) ?? []), c.id]);

  const issues: FieldIssue[] = [];
  const bad = (row: number, code: string, params: Record<string, unknown> = {}) => {
    if (issues.length < MAX_PROBLEMS) issues.push({ field: 'file', code, params: { row, ...params } });
  };
  const firstRank = new Map<string, number>(); // candidate|rank → row
  const firstProgram = new Map<string, number>(); // candidate|program → row
  const out: Parameters<typeof replacePreferences>[3] = [];
  const candidates = new Set<string>();
  const profiles = new Map<string, { row: number; text: string; value: ProfileInput }>(); // candidate → first row giving it
  for (const r of rows) {
    const text = (c: Column) => cellText(cellOf(r, c));
    if (COLUMNS.some((c) => text(c).includes('\u0000'))) {
      bad(r.row, 'row_no_nul');
      continue;
    }
    const number = text('candidate_number');
    const given = text('candidate_id');
    let ok = true;
    // A candidate number names the exam candidate that has it (candidate: its id from here on).
    let candidate = given;
    if (number !== '' && given !== '') {
      bad(r.row, 'candidate_id_and_number');
      ok = false;
    } else if (number !== '') {
      const ids = number.length <= 40 ? (byNumber.get(number) ?? []) : [];
      if (ids.length === 1) candidate = ids[0];
      else {
        bad(r.row, ids.length === 0 ? 'unknown_candidate_number' : 'ambiguous_candidate_number', { value: number.slice(0, 40), count: ids.length });
        ok = false;
      }
    }
    const isExam = UUID.test(candidate);
    const examCandidateId = isExam ? candidate.toLowerCase() : null;
    // (A bad candidate_number is reported above.)
    if (ok && candidate === '') {
      bad(r.row, 'row_required', { column: at.has('candidate_id') ? 'candidate_id' : 'candidate_number' });
      ok = false;
    } else if (ok && candidate.length > 100) {
      bad(r.row, 'row_too_long', { column: 'candidate_id', maximum: 100 });
      ok = false;
    } else if (ok && examCandidateId && number === '' && !known.has(examCandidateId)) {
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
    const profile = profileOf(r.row, text, header, season.year, bad);
    if (!ok || profile === null) continue;
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
    if (profile !== undefined && !isExam) {
      // An external candidate's score is the other system's admission score, priority points included.
      bad(r.row, 'row_profile_external', { value: candidate });
      continue;
    }
    if (profile !== undefined) {
      const first = profiles.get(key);
      if (first && first.text !== profile.text) {
        bad(r.row, 'profile_mismatch', { value: candidate, first: first.row });
        continue;
      }
      if (!first) profiles.set(key, { row: r.row, text: profile.text, value: { examCandidateId, externalCandidateId: isExam ? null : candidate, ...profile.value } });
    }
    firstRank.set(rankKey, r.row);
    firstProgram.set(programKey, r.row);
    candidates.add(key);
    out.push({ examCandidateId, externalCandidateId: isExam ? null : candidate, externalScore, programId: programId!, rank });
  }
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  if (mode === 'preview') return { replaced: 0, created: 0, candidates: candidates.size, profiles: profiles.size };
  return replacePreferences(deps, ctx, season.id, out, candidates.size, [...profiles.values()].map((p) => p.value));
}

type Profile = Omit<ProfileInput, 'examCandidateId' | 'externalCandidateId'>;

/**
 * A row's priority profile: undefined when it gives none (every priority cell empty), null when a cell is bad (reported
 * naming the column), else the profile and a text that compares it with another row's.
 */
function profileOf(
  row: number,
  text: (c: Column) => string,
  header: (c: Column) => string,
  seasonYear: number,
  bad: (row: number, code: string, params?: Record<string, unknown>) => void,
): { value: Profile; text: string } | null | undefined {
  if (PROFILE_COLUMNS.every((c) => text(c) === '')) return undefined;
  let ok = true;
  const fail = (c: Column, code: string, params: Record<string, unknown> = {}) => {
    bad(row, code, { column: header(c), value: text(c).slice(0, 40), ...params });
    ok = false;
  };
  const regionText = text('region').toUpperCase();
  const region = regionText === '' ? null : isRegion(regionText) ? regionText : null;
  if (regionText !== '' && region === null) fail('region', 'row_unknown_region');
  const groups = new Set<'UT1' | 'UT2'>();
  const groupTexts = text('groups').split(/[;,|\s]+/).filter(Boolean);
  for (const g of groupTexts) if (isPriorityGroup(g.toUpperCase())) groups.add(g.toUpperCase() as 'UT1' | 'UT2');
  if (groups.size < new Set(groupTexts.map((g) => g.toUpperCase())).size) fail('groups', 'row_unknown_group');
  const yearText = text('graduation_year');
  const graduationYear = yearText === '' ? null : /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (graduationYear !== null && !(graduationYear >= FIRST_GRADUATION_YEAR && graduationYear <= seasonYear)) {
    fail('graduation_year', 'row_bad_graduation_year', { minimum: FIRST_GRADUATION_YEAR, maximum: seasonYear });
  }
  const bonusText = text('bonus').replace(',', '.');
  const bonus = bonusText === '' ? 0 : /^\d{1,2}(\.\d{1,2})?$/.test(bonusText) ? Number(bonusText) : Number.NaN;
  if (!(bonus >= 0 && bonus <= MAX_BONUS)) fail('bonus', 'row_bad_bonus', { maximum: MAX_BONUS });
  if (!ok) return null;
  const value: Profile = { region, groups: [...groups].sort(), graduationYear, bonus };
  return { value, text: JSON.stringify(value) };
}
