import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CompareQuery, PublishRun, RunCandidatePage, RunComparison, RunResultsQuery, RunSummary, Season } from '../../../contracts/admissions.ts';
import { IdParams } from '../../../contracts/common.ts';
import { MIME } from '../../../contracts/reports.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { binaryResponse, bodyErrorResponses, errorResponses, requestExample, sendFile } from '../http.ts';
import * as exports from './exports.ts';
import { publishRun } from './publish.ts';
import * as ex from './results-api-examples.ts';
import * as results from './results-service.ts';

// A run's results in detail, its comparison with another run, its publication and its files (docs/admission.md §6).

const MANAGERS =
  "The season's coordinating institution's admissions officers and admins, API tokens with `admissions:write` (403 for its other roles, and for the other members of a consortium season); 404 where the caller's institution is no member of the season";
const MEMBERS =
  "Every member institution's admissions officers and admins, API tokens with `admissions:read` or `admissions:write` (403 for their other roles); 404 where the caller's institution is no member of the season";
const DETAIL = 'Candidates are listed as far as the caller sees them in detail (in a consortium season, its own programs’ applicants)';
const CSV = 'text/csv; charset=utf-8';
/** Files of results are made for the caller: no cache keeps them. */
const NOT_KEPT = 'private, no-store';

export function admissionResultRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admissions'];

  r.get('/api/v1/admission-runs/:id/results', {
    schema: {
      operationId: 'getAdmissionRunResults',
      tags,
      summary: "A run's candidates, page by page",
      description:
        "Each candidate's program (or none) with the rank and score that admitted them, by candidate id. `q`: a candidate " +
        'number or id; `program`: who applied to the program (with `outcome`: admitted to it, or not); `outcome` alone: ' +
        `admitted anywhere or nowhere. Page with \`cursor\` (400 naming \`cursor\` for one this list did not give). 409 until the run is done. ${DETAIL}. ${MEMBERS}.`,
      params: IdParams,
      querystring: RunResultsQuery,
      response: { 200: RunCandidatePage.meta({ examples: [ex.candidatePage] }), ...errorResponses },
    },
    handler: (req) => results.runCandidates(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/admission-runs/:id/summary', {
    schema: {
      operationId: 'getAdmissionRunSummary',
      tags,
      summary: "A run's figures per program",
      description:
        'Per program as the run had it: quota, admitted count, cutoff (lowest admitted score; null when nobody is admitted), ' +
        'applicants with a score, and histograms of the admitted and of the applicants’ scores (30 one-point bins). ' +
        `\`published\`: this is the season's published run. 409 until the run is done. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: RunSummary.meta({ examples: [ex.summary] }), ...errorResponses },
    },
    handler: (req) => results.runSummary(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/admission-runs/:id/compare', {
    schema: {
      operationId: 'diffAdmissionRuns',
      tags,
      summary: 'Compare two runs of a season',
      description:
        'This run (A) against `with` (B), both done runs of the same season (else 400 naming `with`): per program quota, ' +
        'admitted and cutoff in A and B with B − A, and the candidates whose program differs (from → to), page by page, ' +
        `optionally only those moving into or out of \`program\`. ${DETAIL}. ${MEMBERS}.`,
      params: IdParams,
      querystring: CompareQuery,
      response: { 200: RunComparison.meta({ examples: [ex.comparison] }), ...errorResponses },
    },
    handler: (req) => results.compareRuns(deps, req.ctx, req.params.id, req.query),
  });
  r.post('/api/v1/admission-runs/:id/publish', {
    schema: {
      operationId: 'markAdmissionRunPublished',
      tags,
      summary: "Publish a run's results",
      description:
        "Makes a done final run the season's published results, which candidates then see in the public lookup " +
        '(`requestExamResults`); a later final run published replaces it. Send the season’s `version` (409 when stale). ' +
        `409 for a dry run, a run that is not done, the run already published, or while a run of the season is in progress. ${MANAGERS}.`,
      params: IdParams,
      body: PublishRun.meta(requestExample(ex.publish)),
      response: { 200: Season.meta({ examples: [ex.publishedSeason] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => publishRun(deps, req.ctx, req.params.id, req.body),
  });

  // ---- files in the formats of `hoptac admission match` (docs/admission.md §2)
  const files: { path: string; operationId: string; summary: string; description: string; type: string; make: typeof exports.assignmentsCsv }[] = [
    {
      path: 'assignments.csv',
      operationId: 'getAdmissionRunAssignments',
      summary: "A run's assignments (the CLI's assignments.csv)",
      description: '`candidate_id,program_id,rank`, one row per candidate by candidate id (UTF-8 bytes), program by its code, empty when not admitted',
      type: CSV,
      make: exports.assignmentsCsv,
    },
    {
      path: 'cutoffs.csv',
      operationId: 'getAdmissionRunCutoffs',
      summary: "A run's cutoffs (the CLI's cutoffs.csv)",
      description: '`program_id,quota,admitted,cutoff` in the run’s program order, cutoff with 2 decimals, empty when nobody is admitted',
      type: CSV,
      make: exports.cutoffsCsv,
    },
    {
      path: 'results.xlsx',
      operationId: 'getAdmissionRunResultsWorkbook',
      summary: "A run's assignments and cutoffs (XLSX)",
      description: 'The two CSVs as the sheets `assignments` and `cutoffs`, under the same headers',
      type: MIME.xlsx,
      make: exports.resultsXlsx,
    },
    {
      path: 'programs.csv',
      operationId: 'getAdmissionRunPrograms',
      summary: "A run's programs (the CLI's programs.csv)",
      description: '`program_id,quota,floor,tie_break,tie_policy,name` as the run read them: input for `hoptac admission match`',
      type: CSV,
      make: exports.programsCsv,
    },
    {
      path: 'applications.csv',
      operationId: 'getAdmissionRunApplications',
      summary: "A run's applications (the CLI's applications.csv)",
      description: '`candidate_id,rank,program_id,score`: every preference the run scored, with the score it used: input for `hoptac admission match`',
      type: CSV,
      make: exports.applicationsCsv,
    },
  ];
  for (const f of files) {
    r.get(`/api/v1/admission-runs/:id/${f.path}`, {
      schema: {
        operationId: f.operationId,
        tags,
        summary: f.summary,
        description: `${f.description}. 409 until the run is done. ${DETAIL}. ${MEMBERS}.`,
        params: IdParams,
        response: { 200: binaryResponse(`The file (${f.path})`, [f.type]), ...errorResponses },
      },
      handler: async (req, reply) => sendFile(reply, f.type, await f.make(deps, req.ctx, req.params.id), NOT_KEPT),
    });
  }
}
