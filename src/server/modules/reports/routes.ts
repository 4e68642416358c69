import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ActivitiesExportQuery,
  InstitutionsExportQuery,
  MIME,
  PeopleExportQuery,
  SigningParams,
  SigningQuery,
  YearReportQuery,
} from '../../../contracts/reports.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { binaryResponse, errorResponses, sendFile } from '../http.ts';
import * as service from './service.ts';

/** Reports are made for the caller: no cache keeps them. */
const NOT_KEPT = 'private, no-store';

const ACTIVITY_READERS =
  "Who reads the agreement's activities: every user of a party who reads the agreement whole and platform admins; " +
  '404 for everybody else, whatever the agreement’s visibility.';
const DASHBOARD_READERS =
  "The institution's own users and platform admins (like its dashboard), counting only the agreements whose " +
  'activities the caller reads; 404 for an institution the caller does not see, 403 for users of another one.';
const LANG = 'In the language of `lang` (else the account’s language, else Vietnamese).';

export function reportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get('/api/v1/agreements/:id/report.pdf', {
    schema: {
      operationId: 'getAgreementReport',
      tags,
      summary: "An agreement's cooperation report for a year (PDF)",
      description:
        'What was agreed (parties, dates, areas, commitments, targets), what was done in the year (its activities), ' +
        `progress against each target (a chart and a table) and the delegations of the year. ${LANG} ${ACTIVITY_READERS} ` +
        'A year without activities is a report saying so.',
      params: IdParams,
      querystring: YearReportQuery,
      response: { 200: binaryResponse('The report', [MIME.pdf]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.pdf, await service.agreementReportPdf(deps, req.ctx, req.params.id, req.query.year), NOT_KEPT),
  });
  r.get('/api/v1/institutions/:id/report.pdf', {
    schema: {
      operationId: 'getInstitutionReport',
      tags,
      summary: "An institution's cooperation report for a year (PDF)",
      description:
        'Agreements by status, country and partner, activities by month (a chart) and by kind, targets at risk, dormant ' +
        `agreements and delegations of the year. ${LANG} ${DASHBOARD_READERS}`,
      params: IdParams,
      querystring: YearReportQuery,
      response: { 200: binaryResponse('The report', [MIME.pdf]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.pdf, await service.institutionReportPdf(deps, req.ctx, req.params.id, req.query.year), NOT_KEPT),
  });
  r.get('/api/v1/institutions/:id/annual-report.xlsx', {
    schema: {
      operationId: 'getAnnualReport',
      tags,
      summary: 'The annual report of international cooperation (XLSX)',
      description:
        'Sheets: agreements signed, active and expired in the year by partner country and by kind (and their list); ' +
        'activities done by kind; delegations in and out with their numbers of people; people sent to and received ' +
        `from each partner in exchanges. A year without data gives the headers and zeros. ${LANG} ${DASHBOARD_READERS}`,
      params: IdParams,
      querystring: YearReportQuery,
      response: { 200: binaryResponse('The workbook', [MIME.xlsx]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.xlsx, await service.annualReportXlsx(deps, req.ctx, req.params.id, req.query.year), NOT_KEPT),
  });
  r.get('/api/v1/agreements/:id/activities.xlsx', {
    schema: {
      operationId: 'exportActivities',
      tags,
      summary: "An agreement's activities as a spreadsheet",
      description: `The activities list with the same filters (every page, at most 20,000 rows) as an XLSX workbook. ${LANG} ${ACTIVITY_READERS}`,
      params: IdParams,
      querystring: ActivitiesExportQuery,
      response: { 200: binaryResponse('The workbook (a row per activity)', [MIME.xlsx]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.xlsx, await service.activitiesXlsx(deps, req.ctx, req.params.id, req.query), NOT_KEPT),
  });
  r.get('/api/v1/people/export.xlsx', {
    schema: {
      operationId: 'exportPeople',
      tags,
      summary: 'The people directory as a spreadsheet',
      description: `The people list with the same filters (every page, at most 20,000 rows) as an XLSX workbook: the people the caller sees in the directory. ${LANG} Any signed-in user who reads the directory; API tokens with \`directory:read\`.`,
      querystring: PeopleExportQuery,
      response: { 200: binaryResponse('The workbook (a row per person)', [MIME.xlsx]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.xlsx, await service.peopleXlsx(deps, req.ctx, req.query), NOT_KEPT),
  });
  r.get('/api/v1/institutions/export.xlsx', {
    schema: {
      operationId: 'exportInstitutions',
      tags,
      summary: 'The institutions directory as a spreadsheet',
      description: `The institutions list with the same filters (every page, at most 20,000 rows) as an XLSX workbook. ${LANG} Any signed-in user who reads the directory; API tokens with \`directory:read\`.`,
      querystring: InstitutionsExportQuery,
      response: { 200: binaryResponse('The workbook (a row per institution)', [MIME.xlsx]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.xlsx, await service.institutionsXlsx(deps, req.ctx, req.query), NOT_KEPT),
  });
  const SIGNING =
    'Generated from an approved version: every party approved that version’s hash and no edit voided the approvals ' +
    '(else 409). Vietnamese and English side by side, a two-column table per clause, a signature block for each ' +
    "party's representative, and the version's SHA-256 in every page's footer (docs/agreement-hash.md). Who reads " +
    'the agreement whole and its approvals; a version other than the current one only for who reads the negotiation ' +
    '(a party’s officers, admins and coordinators); 404 for who does not see the agreement or reads only its announcement.';
  r.get('/api/v1/agreements/:id/versions/:versionNo/signing.docx', {
    schema: {
      operationId: 'getSigningDocx',
      tags,
      summary: 'The agreement ready to sign (DOCX)',
      description: SIGNING,
      params: SigningParams,
      querystring: SigningQuery,
      response: { 200: binaryResponse('The document', [MIME.docx]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.docx, await service.signingDocx(deps, req.ctx, req.params.id, req.params.versionNo), NOT_KEPT),
  });
  r.get('/api/v1/agreements/:id/versions/:versionNo/signing.pdf', {
    schema: {
      operationId: 'getSigningPdf',
      tags,
      summary: 'The agreement ready to sign (PDF)',
      description: SIGNING,
      params: SigningParams,
      querystring: SigningQuery,
      response: { 200: binaryResponse('The document', [MIME.pdf]), ...errorResponses },
    },
    handler: async (req, reply) => sendFile(reply, MIME.pdf, await service.signingPdf(deps, req.ctx, req.params.id, req.params.versionNo), NOT_KEPT),
  });
}
