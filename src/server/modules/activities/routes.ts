import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityCreated,
  ActivityImportMode,
  ActivityImportResult,
  ActivityImportTemplateQuery,
  ActivityList,
  ActivityListQuery,
  ActivityView,
  AgreementProgress,
  CreateActivity,
  Dashboard,
  DashboardQuery,
  ExchangeBalance,
  ExchangeBalanceQuery,
  UpdateActivity,
} from '../../../contracts/activities.ts';
import { IdParams } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { binaryResponse, bodyErrorResponses, errorResponses, importFormSchema, readImportUpload, requestExample, sendFile } from '../http.ts';
import * as importing from './import.ts';
import * as progress from './progress.ts';
import * as service from './service.ts';

const READERS =
  "Every user of a party who reads the agreement whole (docs/agreement-visibility.md) and platform admins; 404 for " +
  'everybody else, whatever the agreement’s visibility.';

export function activityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  r.get('/api/v1/agreements/:id/activities', {
    schema: {
      operationId: 'listActivities',
      tags,
      summary: "An agreement's activities",
      description: `The activities recorded under the agreement's areas, newest first, with filters and a total. ${READERS}`,
      params: IdParams,
      querystring: ActivityListQuery,
      response: { 200: ActivityList.meta({ examples: [ex.activityList] }), ...errorResponses },
    },
    handler: (req) => service.listActivities(deps, req.ctx, req.params.id, req.query),
  });
  r.post('/api/v1/agreements/:id/activities', {
    schema: {
      operationId: 'createActivity',
      tags,
      summary: 'Record an activity',
      description:
        'Records what happened (or is planned) under one of the agreement’s areas; with `recurrence`, every occurrence ' +
        'of a planned series (at most 500). A party’s officers, admins and coordinators, a point of contact for the ' +
        'area, API tokens with `agreements:write`; not under a draft. Dates within the agreement’s ' +
        'period, organisers and counted institutions among its parties, participants people of a party.',
      params: IdParams,
      body: CreateActivity.meta(requestExample(ex.createActivity)),
      response: { 201: ActivityCreated.meta({ examples: [ex.activityCreated] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createActivity(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/activities/:id', {
    schema: {
      operationId: 'getActivity',
      tags,
      summary: 'Get an activity',
      description: `One activity with its organisers, participants and counts, and what the caller may do with it. ${READERS}`,
      params: IdParams,
      response: { 200: ActivityView.meta({ examples: [ex.activity] }), ...errorResponses },
    },
    handler: (req) => service.getActivity(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/activities/:id', {
    schema: {
      operationId: 'updateActivity',
      tags,
      summary: 'Edit an activity, mark it done or cancelled',
      description:
        'Changes the fields sent; `status` moves it between planned, done and cancelled (done only once it started). ' +
        'Those who may record it. Send the `version` you read (409 when someone changed it meanwhile).',
      params: IdParams,
      body: UpdateActivity.meta(requestExample(ex.updateActivity)),
      response: { 200: ActivityView.meta({ examples: [ex.activity] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateActivity(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/agreements/:id/progress', {
    schema: {
      operationId: 'getAgreementProgress',
      tags,
      summary: "An agreement's progress against its targets",
      description:
        'Each target’s actual value computed from the records (its metric’s definition says how), the share achieved, ' +
        `the share of its period elapsed and a status (the records behind a figure: \`listActivities\` with \`target\`); quantified commitments per direction. ${READERS}`,
      params: IdParams,
      response: { 200: AgreementProgress.meta({ examples: [ex.agreementProgress] }), ...errorResponses },
    },
    handler: (req) => progress.agreementProgress(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/institutions/:id/dashboard', {
    schema: {
      operationId: 'getInstitutionDashboard',
      tags,
      summary: "An institution's cooperation dashboard",
      description:
        'Agreements by status and partner country, activities per month and kind in the year, targets at risk, ' +
        'agreements expiring within 180 days and dormant ones, partners; filtered by partner and area kind. The ' +
        "institution's own users and platform admins (403 for other institutions they see, 404 for the rest); only " +
        'agreements whose activities the caller reads count.',
      params: IdParams,
      querystring: DashboardQuery,
      response: { 200: Dashboard.meta({ examples: [ex.dashboard] }), ...errorResponses },
    },
    handler: (req) => progress.institutionDashboard(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/institutions/:id/exchange-balance', {
    schema: {
      operationId: 'getExchangeBalance',
      tags,
      summary: 'People exchanged with a partner, both directions',
      description:
        'People of the institution in exchange activities (exchanges, internships, trainings, visits) organised by the ' +
        'partner, and the partner’s people in those organised by the institution, each person once; over their common ' +
        'agreements, in a year or all years. Who reads the dashboard.',
      params: IdParams,
      querystring: ExchangeBalanceQuery,
      response: { 200: ExchangeBalance.meta({ examples: [ex.exchangeBalance] }), ...errorResponses },
    },
    handler: (req) => progress.exchangeBalance(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/agreements/:id/activities/import-template', {
    schema: {
      operationId: 'getActivityImportTemplate',
      tags,
      summary: 'Template for importing activities',
      description:
        'A file to fill in for the import: XLSX with the header row in the caller’s language (each header ends with ' +
        'its machine key, e.g. `[startDate]`) and a second sheet listing the agreement’s areas, the activity kinds, ' +
        `statuses, participant roles and the parties’ codes; or CSV with the header row. ${RECORDERS} 403 for others.`,
      params: IdParams,
      querystring: ActivityImportTemplateQuery,
      response: {
        200: binaryResponse('The template', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']),
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const file = await importing.importTemplate(deps, req.ctx, req.params.id, req.query.format);
      return sendFile(reply, file.contentType, file);
    },
  });
  r.post('/api/v1/agreements/:id/activities/import', {
    schema: {
      operationId: 'uploadActivityImport',
      tags,
      summary: 'Import activities from a file',
      description:
        'Uploads an XLSX or CSV file (recognised from its bytes; at most 5 MiB and 5000 rows) as `multipart/form-data`: ' +
        '`mode`, then `file`. Every row is checked with the rules of `createActivity`; the answer lists each problem ' +
        'of each bad row with its row, column and reason in the caller’s language. `preview` saves nothing, `all` ' +
        'saves every row or none, `valid-only` the valid rows. The same file (its SHA-256) under the same agreement is ' +
        `imported once: a re-upload answers \`alreadyImported\` and creates nothing. ${RECORDERS} 403 for others; 413 ` +
        'for a larger file; 415 for another type of file or a request that is not multipart; 400 naming `file` for a ' +
        'file without the required columns or rows.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      // Documents the form only: the multipart parser leaves the body empty and the service checks the fields.
      body: z.unknown().optional().meta(importFormJson),
      response: { 200: ActivityImportResult.meta({ examples: [ex.activityImportPreview] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => importing.importActivities(deps, req.ctx, req.params.id, () => readImportUpload(req, importing.MAX_IMPORT_BYTES)),
  });
}

const importFormJson = importFormSchema(ActivityImportMode, 'at most 5 MiB, 5000 rows');

const RECORDERS =
  'Who may record activities under the agreement (its parties’ officers, admins and coordinators, a point of contact ' +
  'for their areas, API tokens with `agreements:write`; not under a draft); 404 for non-parties.';
