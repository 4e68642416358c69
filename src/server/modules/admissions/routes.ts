import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEquivalenceTable,
  EquivalenceTableList,
  EquivalenceTableRecord,
  UpdateEquivalenceTable,
  CreateProgram,
  CreateSeason,
  PreferenceImportResult,
  Program,
  ProgramList,
  Run,
  RunList,
  Season,
  SeasonList,
  SetSeasonMembers,
  StartRun,
  UpdateProgram,
  UpdateSeason,
} from '../../../contracts/admissions.ts';
import { IdParams, Ok } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { bodyErrorResponses, errorResponses, importFormSchema, readImportUpload, requestExample } from '../http.ts';
import { ok } from '../api-examples-common.ts';
import * as ex from './api-examples.ts';
import { importPreferences, MAX_PREFERENCE_IMPORT_BYTES, PreferenceImportMode } from './import.ts';
import * as equivalence from './equivalence-tables.ts';
import * as service from './service.ts';

const MANAGERS =
  "The season's coordinating institution's admissions officers and admins, API tokens with `admissions:write` (403 for its other roles, and for the other members of a consortium season); 404 where the caller's institution is no member of the season";
const MEMBERS =
  "Every member institution's admissions officers and admins, API tokens with `admissions:read` or `admissions:write` (403 for their other roles); 404 where the caller's institution is no member of the season";
const PROGRAM_OWNERS =
  "The program's institution's admissions officers and admins, API tokens with `admissions:write` (403 for the other members of a consortium season and other roles); 404 where the caller's institution is no member of the season";

export function admissionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admissions'];

  // ---- seasons
  r.get('/api/v1/admission-seasons', {
    schema: {
      operationId: 'listAdmissionSeasons',
      tags,
      summary: "The institution's admission seasons",
      description: `Every admission season the caller's institution takes part in (its own, and consortium seasons it is a member of), newest year first. ${MEMBERS}.`,
      response: { 200: SeasonList.meta({ examples: [ex.seasonList] }), ...errorResponses },
    },
    handler: (req) => service.listSeasons(deps, req.ctx),
  });
  r.post('/api/v1/admission-seasons', {
    schema: {
      operationId: 'createAdmissionSeason',
      tags,
      summary: 'Open an admission season',
      description:
        "Creates a season (draft) of the caller's institution; with `consortiumId`, a consortium season the caller's institution " +
        'coordinates (400 naming `consortiumId` when the institution is not a member of that consortium). The institution’s ' +
        'admissions officers and admins, API tokens with `admissions:write`.',
      body: CreateSeason.meta(requestExample(ex.createSeason)),
      response: { 201: Season.meta({ examples: [ex.season] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createSeason(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/admission-seasons/:id', {
    schema: {
      operationId: 'getAdmissionSeason',
      tags,
      summary: 'Get an admission season',
      description: `One season with its members and its counts of programs and preferences. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: Season.meta({ examples: [ex.season] }), ...errorResponses },
    },
    handler: (req) => service.getSeason(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/admission-seasons/:id', {
    schema: {
      operationId: 'updateAdmissionSeason',
      tags,
      summary: 'Edit an admission season',
      description: `Changes the titles or the year. Send the \`version\` you read (409 when stale). ${MANAGERS}.`,
      params: IdParams,
      body: UpdateSeason.meta(requestExample(ex.updateSeason)),
      response: { 200: Season.meta({ examples: [ex.season] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateSeason(deps, req.ctx, req.params.id, req.body),
  });

  r.delete('/api/v1/admission-seasons/:id', {
    schema: {
      operationId: 'deleteAdmissionSeason',
      tags,
      summary: 'Delete an admission season',
      description: `Deletes a season that is not published, with its programs, preferences, runs and their results. 409 while a run is in progress or once published. ${MANAGERS}.`,
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ok] }), ...errorResponses },
    },
    handler: (req) => service.deleteSeason(deps, req.ctx, req.params.id),
  });

  // ---- members of a consortium season
  r.put('/api/v1/admission-seasons/:id/members', {
    schema: {
      operationId: 'setAdmissionSeasonMembers',
      tags,
      summary: "Set a consortium season's member institutions",
      description:
        "The season's members become the coordinator and the listed institutions, each a member of the season's consortium (400 " +
        'naming `institutionIds.N` for any other; none but the coordinator in a season of one institution). Their admissions officers ' +
        'then add their programs; a member left out goes with its programs and the preferences for them. Send the season’s `version` ' +
        `you read (409 when stale; a change of members makes a new version). Only before the season’s first run (409 after). ${MANAGERS}.`,
      params: IdParams,
      body: SetSeasonMembers.meta(requestExample(ex.setMembers)),
      response: { 200: Season.meta({ examples: [ex.consortiumSeason] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.setSeasonMembers(deps, req.ctx, req.params.id, req.body),
  });

  // ---- programs
  r.get('/api/v1/admission-seasons/:id/programs', {
    schema: {
      operationId: 'listAdmissionPrograms',
      tags,
      summary: "A season's programs",
      description: `Every program of the season, by code, with its institution, quota, methods, floor, tie-break chain and tie policy. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: ProgramList.meta({ examples: [ex.programList] }), ...errorResponses },
    },
    handler: (req) => service.listPrograms(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/admission-seasons/:id/programs', {
    schema: {
      operationId: 'createAdmissionProgram',
      tags,
      summary: 'Add a program to a season',
      description:
        'Adds a program: code (unique in the season, else 409), names, quota, admission methods (weighted subjects of the ' +
        "institution's own exams or of published ones; 400 naming the component for an unknown exam or subject; a method " +
        'may name an equivalence table of the season, 400 naming `methods.N.equivalence` for an unknown one), entrance ' +
        'floor, priority settings (`priorityPoints`, `floorBasis`, `thresholdIncludesBonus`: MOET priority and bonus points, ' +
        'docs/admission.md), tie-break chain (`rank`, `lottery`; `c1`/`c2` are refused until the season holds such criteria) and tie ' +
        `policy (docs/admission.md). The program belongs to the caller's institution. 409 while a run is in progress or once the season is published. ${MEMBERS}; tokens need \`admissions:write\`.`,
      params: IdParams,
      body: CreateProgram.meta(requestExample(ex.createProgram)),
      response: { 201: Program.meta({ examples: [ex.program] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createProgram(deps, req.ctx, req.params.id, req.body)),
  });
  r.patch('/api/v1/admission-programs/:id', {
    schema: {
      operationId: 'updateAdmissionProgram',
      tags,
      summary: 'Edit a program',
      description: `Changes a program, checked as when it was added. Send the \`version\` you read (409 when stale). ${PROGRAM_OWNERS}.`,
      params: IdParams,
      body: UpdateProgram.meta(requestExample(ex.updateProgram)),
      response: { 200: Program.meta({ examples: [ex.program] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateProgram(deps, req.ctx, req.params.id, req.body),
  });

  r.delete('/api/v1/admission-programs/:id', {
    schema: {
      operationId: 'deleteAdmissionProgram',
      tags,
      summary: 'Delete a program',
      description: `Deletes a program and the preferences for it. 409 once a run's results name it, while a run is in progress, or once the season is published. ${PROGRAM_OWNERS}.`,
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ok] }), ...errorResponses },
    },
    handler: (req) => service.deleteProgram(deps, req.ctx, req.params.id),
  });

  // ---- equivalence tables
  r.get('/api/v1/admission-seasons/:id/equivalence-tables', {
    schema: {
      operationId: 'listAdmissionEquivalenceTables',
      tags,
      summary: "A season's equivalence tables",
      description: `The season's equivalence tables by name, each with its segments and the programs whose methods name it. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: EquivalenceTableList.meta({ examples: [ex.tableList] }), ...errorResponses },
    },
    handler: (req) => equivalence.listTables(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/admission-seasons/:id/equivalence-tables', {
    schema: {
      operationId: 'createAdmissionEquivalenceTable',
      tags,
      summary: 'Add an equivalence table to a season',
      description:
        'A named table converting a raw weighted total to the 30-point scale, that programs’ methods name (`equivalence`). ' +
        'Either `segments` (a < x ≤ b → (c, d], sorted and non-overlapping: 400 naming the first bad segment) or `build`: two ' +
        'exams’ subjects whose percentile tables (exam statistics, as the caller may read them: 400 naming the field otherwise) ' +
        `are paired at the top p% levels. Name unique in the season (409). 409 while a run is in progress or once published. ${MANAGERS}.`,
      params: IdParams,
      body: CreateEquivalenceTable.meta({
        'x-examples': {
          segments: { summary: 'Entered segments', value: ex.createTable },
          build: { summary: 'Built from two exams’ percentile tables', value: ex.buildTable },
        },
      }),
      response: { 201: EquivalenceTableRecord.meta({ examples: [ex.table] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await equivalence.createTable(deps, req.ctx, req.params.id, req.body)),
  });
  r.patch('/api/v1/admission-equivalence-tables/:id', {
    schema: {
      operationId: 'updateAdmissionEquivalenceTable',
      tags,
      summary: 'Edit an equivalence table',
      description:
        'Renames a table (409 while a method names it) or replaces its segments (checked as when added). Send the `version` ' +
        `you read (409 when stale). ${MANAGERS}.`,
      params: IdParams,
      body: UpdateEquivalenceTable.meta(requestExample(ex.updateTable)),
      response: { 200: EquivalenceTableRecord.meta({ examples: [ex.table] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => equivalence.updateEquivalenceTable(deps, req.ctx, req.params.id, req.body),
  });
  r.delete('/api/v1/admission-equivalence-tables/:id', {
    schema: {
      operationId: 'deleteAdmissionEquivalenceTable',
      tags,
      summary: 'Delete an equivalence table',
      description: `Deletes a table no method names (409 otherwise, naming the programs). ${MANAGERS}.`,
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ok] }), ...errorResponses },
    },
    handler: (req) => equivalence.deleteEquivalenceTable(deps, req.ctx, req.params.id),
  });

  // ---- preferences
  r.post('/api/v1/admission-seasons/:id/preferences/import', {
    schema: {
      operationId: 'uploadAdmissionPreferences',
      tags,
      summary: "Import the candidates' preferences",
      description:
        'Uploads an XLSX or CSV file (at most 20 MiB and 200,000 rows) as `multipart/form-data`: `mode`, then `file`. ' +
        'Columns `candidate_id` (an exam candidate’s id, or an external candidate’s id) or `candidate_number` (an exam ' +
        'candidate’s number in an exam of a member institution or a published one: unknown, or in two exams, is a row error), ' +
        '`rank` (1 = first choice), `program_id` (the program’s code) and `score` (external candidates only, 30-point scale); ' +
        'optional priority columns as the CLI’s candidates.csv: `region` (KV1, KV2-NT, KV2, KV3), `groups` or `priority_groups` ' +
        '(UT1, UT2, e.g. `UT1;UT2`), `graduation_year`, `bonus` (0–30, capped at 3 by the engine) — a candidate’s profile, ' +
        'the same on every row that gives it. Every bad row is reported naming the row and column (unknown candidate or ' +
        'program, a rank or a program twice for a candidate, a bad priority value); `preview` saves nothing, ' +
        `\`all\` replaces all of the season's preferences and priority profiles, or none. 409 while a run is in progress. ${MANAGERS}; 413 for a ` +
        'larger file; 415 for another type.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: z.unknown().optional().meta(importFormJson),
      response: { 200: PreferenceImportResult.meta({ examples: [ex.importResult] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => importPreferences(deps, req.ctx, req.params.id, () => readImportUpload(req, MAX_PREFERENCE_IMPORT_BYTES)),
  });

  // ---- runs
  r.post('/api/v1/admission-seasons/:id/runs', {
    schema: {
      operationId: 'startAdmissionRun',
      tags,
      summary: 'Start a matching run',
      description:
        'Queues a run of the season (`dry` or `final`) as a background job: it scores every preference with the admission ' +
        "engine (the institution's own exam results, another organiser's only through an admissions agreement in force " +
        'and the candidate’s consent), matches (deferred acceptance with quotas) and writes the results. Follow it with ' +
        `\`getAdmissionRun\`. 409 naming the season while another run of it is queued or running. ${MANAGERS}.`,
      params: IdParams,
      body: StartRun.meta(requestExample(ex.startRun)),
      response: { 202: Run.meta({ examples: [ex.queuedRun] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(202).send(await service.startRun(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/admission-seasons/:id/runs', {
    schema: {
      operationId: 'listAdmissionRuns',
      tags,
      summary: "A season's runs",
      description: `Every run of the season, newest first, with status and progress. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: RunList.meta({ examples: [ex.runList] }), ...errorResponses },
    },
    handler: (req) => service.listRuns(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/admission-runs/:id', {
    schema: {
      operationId: 'getAdmissionRun',
      tags,
      summary: 'Status and progress of a run',
      description: `A run's status (queued, running, done, failed, cancelled), progress from 0 to 1, counts and error. ${MEMBERS}.`,
      params: IdParams,
      response: { 200: Run.meta({ examples: [ex.run] }), ...errorResponses },
    },
    handler: (req) => service.getRun(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/admission-runs/:id/cancel', {
    schema: {
      operationId: 'requestAdmissionRunCancellation',
      tags,
      summary: 'Cancel a run',
      description: `Stops a queued run at once, a running one at its next phase; it writes no result. 409 once it has ended. ${MANAGERS}.`,
      params: IdParams,
      response: { 200: Run.meta({ examples: [{ ...ex.run, status: 'cancelled', cancelRequested: true }] }), ...errorResponses },
    },
    handler: (req) => service.cancelRun(deps, req.ctx, req.params.id),
  });
}

const importFormJson = importFormSchema(PreferenceImportMode, 'at most 20 MiB, 200,000 rows');
