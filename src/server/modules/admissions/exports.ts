import ExcelJS from 'exceljs';
import { csvIdField, formatHundredths } from '../../../cli/admission/match-output.ts';
import { toHundredths } from '../../../engines/admission/index.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as repo from './repository.ts';
import { detailPrograms, requireDoneRun } from './results-service.ts';
import { inDetail } from './visibility.ts';

// A run's results and input as files in the formats of `hoptac admission match` (docs/admission.md §2): its output
// assignments.csv and cutoffs.csv (the same bytes as the CLI's on the run's input; the two also as sheets of an XLSX),
// and its input programs.csv and applications.csv (the programs and scores the run used), so an officer can re-run it
// with the CLI. Programs are named by their code (the CLI's program_id), candidates by the exam candidate's id or the
// external id. Candidate rows follow the caller's detail scope (visibility.ts): its programs' applicants, a program out
// of the scope never named; program rows are for everyone.

export interface ExportFile {
  body: Buffer;
  fileName: string;
}

const cutoffText = (cutoff: string | null) => (cutoff === null ? '' : formatHundredths(toHundredths(Number(cutoff))));
const scoreText = (score: string) => formatHundredths(toHundredths(Number(score)));

/** What the files are made of; the candidates' assignments only when asked (`assignments`). */
async function outputOf(deps: AppDeps, ctx: RequestContext, runId: string, withAssignments = false) {
  const { run, season, scope } = await requireDoneRun(deps.db, ctx, runId);
  const [programs, figures, assignments] = await Promise.all([
    repo.runPrograms(deps.db, run.id),
    repo.programFigures(deps.db, run.id),
    withAssignments ? repo.assignmentRows(deps.db, run.id, detailPrograms(scope)) : [],
  ]);
  const code = new Map(programs.map((p) => [p.program_id, p.code]));
  // A candidate admitted to a program the caller does not see in detail is written as not admitted to any of its own.
  for (const a of assignments) {
    if (a.program_id !== null && !inDetail(scope, a.program_id)) Object.assign(a, { program_id: null, rank: null });
  }
  return { run, season, scope, programs, figures, assignments, code };
}

type Output = Awaited<ReturnType<typeof outputOf>>;

function assignmentsText(o: Output) {
  const lines = ['candidate_id,program_id,rank\n'];
  for (const a of o.assignments) {
    lines.push(a.program_id === null ? `${csvIdField(a.candidate_id)},,\n` : `${csvIdField(a.candidate_id)},${csvIdField(o.code.get(a.program_id)!)},${a.rank}\n`);
  }
  return lines.join('');
}

function cutoffsText(o: Output) {
  return ['program_id,quota,admitted,cutoff\n', ...o.figures.map((p) => `${csvIdField(p.code)},${p.quota},${p.admitted},${cutoffText(p.cutoff)}\n`)].join('');
}

export async function assignmentsCsv(deps: AppDeps, ctx: RequestContext, runId: string): Promise<ExportFile> {
  return { body: Buffer.from(assignmentsText(await outputOf(deps, ctx, runId, true)), 'utf8'), fileName: 'assignments.csv' };
}

export async function cutoffsCsv(deps: AppDeps, ctx: RequestContext, runId: string): Promise<ExportFile> {
  return { body: Buffer.from(cutoffsText(await outputOf(deps, ctx, runId)), 'utf8'), fileName: 'cutoffs.csv' };
}

/** assignments and cutoffs as two sheets under the CLI's headers: ids as text, numbers as numbers (cutoff 0.00). */
export async function resultsXlsx(deps: AppDeps, ctx: RequestContext, runId: string): Promise<ExportFile> {
  const o = await outputOf(deps, ctx, runId, true);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const assignments = wb.addWorksheet('assignments');
  assignments.columns = [
    { header: 'candidate_id', key: 'candidate_id', width: 40 },
    { header: 'program_id', key: 'program_id', width: 16 },
    { header: 'rank', key: 'rank', width: 8 },
  ];
  for (const a of o.assignments) {
    assignments.addRow({ candidate_id: a.candidate_id, program_id: a.program_id === null ? null : o.code.get(a.program_id), rank: a.rank });
  }
  const cutoffs = wb.addWorksheet('cutoffs');
  cutoffs.columns = [
    { header: 'program_id', key: 'program_id', width: 16 },
    { header: 'quota', key: 'quota', width: 10 },
    { header: 'admitted', key: 'admitted', width: 10 },
    { header: 'cutoff', key: 'cutoff', width: 10 },
  ];
  for (const p of o.figures) {
    cutoffs.addRow({ program_id: p.code, quota: p.quota, admitted: p.admitted, cutoff: p.cutoff === null ? null : toHundredths(Number(p.cutoff)) / 100 });
  }
  cutoffs.getColumn('cutoff').numFmt = '0.00';
  for (const ws of [assignments, cutoffs]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), fileName: 'results.xlsx' };
}

/** programs.csv as the run read them: program_id (the code), quota, floor, tie_break, tie_policy, name. */
export async function programsCsv(deps: AppDeps, ctx: RequestContext, runId: string): Promise<ExportFile> {
  const { programs } = await outputOf(deps, ctx, runId);
  const lines = ['program_id,quota,floor,tie_break,tie_policy,name\n'];
  for (const p of programs) {
    lines.push(`${csvIdField(p.code)},${p.quota},${cutoffText(p.floor)},${p.tie_break.join('>')},${p.tie_policy},${csvIdField(p.name_vi)}\n`);
  }
  return { body: Buffer.from(lines.join(''), 'utf8'), fileName: 'programs.csv' };
}

/** applications.csv: every preference the run scored, with the score it used (candidate id, rank, program code, score). */
export async function applicationsCsv(deps: AppDeps, ctx: RequestContext, runId: string): Promise<ExportFile> {
  const { run, scope, code } = await outputOf(deps, ctx, runId);
  const rows = await repo.applicationRows(deps.db, run.id, detailPrograms(scope));
  const lines = ['candidate_id,rank,program_id,score\n'];
  for (const a of rows) lines.push(`${csvIdField(a.candidate_id)},${a.rank},${csvIdField(code.get(a.program_id)!)},${scoreText(a.score)}\n`);
  return { body: Buffer.from(lines.join(''), 'utf8'), fileName: 'applications.csv' };
}
