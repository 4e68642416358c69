import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../contracts/common.ts';
import {
  AccessLogPage,
  CandidatePage,
  CandidateQuery,
  ConsentChange,
  CreateExam,
  Exam,
  ExamImportMode,
  ExamImportResult,
  ExamImportTemplateQuery,
  ExamList,
  ExamStatistics,
  LookupAnswer,
  PublicExamList,
  PublishExam,
  ResultLookup,
  SharedResultsPage,
  SharedResultsQuery,
  UpdateExam,
} from '../../../contracts/exams.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { binaryResponse, bodyErrorResponses, errorResponses, importFormSchema, rateLimitedResponses, readImportUpload, requestExample, sendFile } from '../http.ts';
import * as ex from './api-examples.ts';
import * as importing from './import.ts';
import * as service from './service.ts';

const ORGANISERS = "The exam's institution: its exam organisers and admins, API tokens with `exams:write`";
const READERS =
  "The exam's institution (exam organisers, admins, tokens with `exams:read`), or an admitting institution while an agreement with an admissions area is in force between the two (admissions officers, admins, tokens with `exams:read`); 404 for everyone else.";

/** A 429 of the public lookup carries `Retry-After` (the seconds until the window has room again). */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited') reply.header('retry-after', String(err.options.details?.retryAfterSeconds ?? 900));
    throw err;
  }
}

export function examRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exams'];
  r.get('/api/v1/exams', {
    schema: {
      operationId: 'listExams',
      tags,
      summary: 'Exams I run or read',
      description:
        "The own institution's exams (exam organisers, admins, tokens with `exams:read`/`exams:write`) and the published " +
        'exams of organisers with which the institution has an agreement in force with an admissions area (admissions ' +
        'officers, admins, tokens with `exams:read`). 403 for other roles.',
      response: { 200: ExamList.meta({ examples: [ex.examList] }), ...errorResponses },
    },
    handler: (req) => service.listExams(deps, req.ctx),
  });
  r.post('/api/v1/exams', {
    schema: {
      operationId: 'createExam',
      tags,
      summary: 'Define an exam',
      description:
        'A draft exam of the own institution: titles, year, rounds (dates, venues), subjects with their score scale and ' +
        `parts with weights in percent (summing to 100). ${ORGANISERS}; 403 for others. 409 for a code already used.`,
      body: CreateExam.meta(requestExample(ex.createExam)),
      response: { 201: Exam.meta({ examples: [ex.exam] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createExam(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/exams/:id', {
    schema: {
      operationId: 'getExam',
      tags,
      summary: 'Get an exam',
      description: `The exam with its rounds, subjects and parts, and what the caller may do with it. ${READERS}`,
      params: IdParams,
      response: { 200: Exam.meta({ examples: [ex.exam] }), ...errorResponses },
    },
    handler: (req) => service.getExam(deps, req.ctx, req.params.id),
  });
  r.put('/api/v1/exams/:id', {
    schema: {
      operationId: 'updateExam',
      tags,
      summary: 'Change an exam’s definition',
      description:
        `Replaces titles, rounds and subjects of a draft exam (rounds and subjects are matched by key). ${ORGANISERS}. ` +
        'Send the `version` you read (409 when stale); 409 once published, or when candidates are in and the structure ' +
        '(keys, scales, parts, weights) would change.',
      params: IdParams,
      body: UpdateExam.meta(requestExample(ex.updateExam)),
      response: { 200: Exam.meta({ examples: [ex.exam] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateExam(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/exams/:id/publish', {
    schema: {
      operationId: 'markExamPublished',
      tags,
      summary: 'Publish the results',
      description:
        'Candidates can then look up their results, and admitting institutions read those of consenting candidates. ' +
        `${ORGANISERS}. 409 when stale, already published or without candidates.`,
      params: IdParams,
      body: PublishExam.meta(requestExample(ex.publishExam)),
      response: { 200: Exam.meta({ examples: [ex.exam] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.publishExam(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/exams/:id/candidates', {
    schema: {
      operationId: 'listExamCandidates',
      tags,
      summary: 'Candidates and their results',
      description:
        'Every candidate of the exam by number with round, venue and scores (totals and part scores). The exam’s ' +
        'institution: exam organisers, admins, tokens with `exams:read` or `exams:write`; 403 for an admitting institution ' +
        '(it reads `shared-results`), 404 for others.',
      params: IdParams,
      querystring: CandidateQuery,
      response: { 200: CandidatePage.meta({ examples: [ex.candidatePage] }), ...errorResponses },
    },
    handler: (req) => service.listCandidates(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/exams/:id/statistics', {
    schema: {
      operationId: 'getExamStatistics',
      tags,
      summary: 'Score distributions and percentile tables',
      description:
        'Per subject: count, mean, a histogram of 20 equal bins over the scale and the score at each percentile 1…100 ' +
        `(percentile_disc), computed in the database — used for equivalence between exams. ${READERS}`,
      params: IdParams,
      response: { 200: ExamStatistics.meta({ examples: [ex.statistics] }), ...errorResponses },
    },
    handler: (req) => service.examStatistics(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/exams/:id/shared-results', {
    schema: {
      operationId: 'listSharedExamResults',
      tags,
      summary: 'Results shared with my institution',
      description:
        'For an admitting institution: the results of the candidates who consent (now) to share them with it, only while ' +
        'an agreement with an admissions area between it and the organiser is in force (`agreementIds` names them); ' +
        '`candidate` asks for one candidate number. Every read that returns candidates is recorded and listed to the ' +
        'organiser (`access-log`). Admissions officers, admins, tokens with `exams:read`; 403 for the organiser itself ' +
        'and other roles, 404 without such an agreement.',
      params: IdParams,
      querystring: SharedResultsQuery,
      response: { 200: SharedResultsPage.meta({ examples: [ex.sharedResults] }), ...errorResponses },
    },
    handler: (req) => service.sharedResults(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/exams/:id/access-log', {
    schema: {
      operationId: 'listExamAccessLog',
      tags,
      summary: 'Who read shared results',
      description: `Every read of shared results by an admitting institution, newest first: who, which candidates, when. ${ORGANISERS}.`,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: AccessLogPage.meta({ examples: [ex.accessLog] }), ...errorResponses },
    },
    handler: (req) => service.accessLog(deps, req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/exams/:id/import-template', {
    schema: {
      operationId: 'getExamImportTemplate',
      tags,
      summary: 'Template for importing candidates and results',
      description:
        'XLSX (with a second sheet of rounds, venues and scales) or CSV with the header row in the caller’s language, ' +
        `each header ending with its key: the candidate, round, venue, and one column per subject (per part for subjects with parts). ${ORGANISERS}.`,
      params: IdParams,
      querystring: ExamImportTemplateQuery,
      response: {
        200: binaryResponse('The template', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']),
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const file = await importing.examImportTemplate(deps, req.ctx, req.params.id, req.query.format);
      return sendFile(reply, file.contentType, file);
    },
  });
  r.post('/api/v1/exams/:id/import', {
    schema: {
      operationId: 'uploadExamImport',
      tags,
      summary: 'Import candidates and results from a file',
      description:
        'Uploads an XLSX or CSV file (at most 20 MiB and 50,000 rows) as `multipart/form-data`: `mode`, then `file`. Each ' +
        'bad row is reported with its row, column and reason (a score outside the subject’s scale or off its step, a ' +
        'duplicate candidate number, a bad date, an unknown round or venue). `preview` saves nothing, `all` every row or ' +
        'none, `valid-only` the valid rows; the same file is imported once per exam (`alreadyImported`). Totals of ' +
        `subjects with parts are computed from the weights. ${ORGANISERS}; 409 once published; 413 for a larger file; 415 for another type.`,
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: z.unknown().optional().meta(importFormJson),
      response: { 200: ExamImportResult.meta({ examples: [ex.importResult] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => importing.importCandidates(deps, req.ctx, req.params.id, () => readImportUpload(req, importing.MAX_EXAM_IMPORT_BYTES)),
  });

  // ---- public: candidates, no account
  r.get('/api/v1/public/exams', {
    schema: {
      operationId: 'listPublishedExams',
      tags,
      summary: 'Published exams (public)',
      description: 'The exams whose results candidates can look up. Anyone, without signing in.',
      security: [],
      response: { 200: PublicExamList.meta({ examples: [ex.publicExams] }), ...errorResponses },
    },
    handler: () => service.publicExams(deps),
  });
  r.post('/api/v1/public/exam-results', {
    schema: {
      operationId: 'requestExamResults',
      tags,
      summary: 'Look up my results (public)',
      description:
        'A candidate’s own results with their candidate number and date of birth, and the institutions they may share them ' +
        'with. Anyone, without signing in. The same 404 for a wrong date of birth, an unknown number or an unpublished exam; ' +
        `429 with \`Retry-After\` after ${service.LOOKUP_LIMIT.max} attempts for a candidate number or ${service.LOOKUP_LIMIT.maxPerIp} from an address within ${service.LOOKUP_LIMIT.windowMinutes} minutes.`,
      security: [],
      body: ResultLookup.meta(requestExample(ex.lookup)),
      response: { 200: LookupAnswer.meta({ examples: [ex.lookupAnswer] }), ...errorResponses, ...rateLimitedResponses, ...bodyErrorResponses },
    },
    handler: (req, reply) => withRetryAfter(reply, () => service.lookupResults(deps, req.ctx, req.body)),
  });
  r.put('/api/v1/public/exam-consents', {
    schema: {
      operationId: 'changeExamConsent',
      tags,
      summary: 'Give or withdraw consent to share my results (public)',
      description:
        'The candidate proves who they are with number and date of birth (as the lookup, same limits and the same 404) and ' +
        'gives or withdraws consent for one institution among the admitting partners the lookup lists. Withdrawing ' +
        'removes access from then on. Answers the lookup.',
      security: [],
      body: ConsentChange.meta(requestExample(ex.consentChange)),
      response: { 200: LookupAnswer.meta({ examples: [ex.lookupAnswer] }), ...errorResponses, ...rateLimitedResponses, ...bodyErrorResponses },
    },
    handler: (req, reply) => withRetryAfter(reply, () => service.changeConsent(deps, req.ctx, req.body)),
  });
}

const importFormJson = importFormSchema(ExamImportMode, 'at most 20 MiB, 50,000 rows');
