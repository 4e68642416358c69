import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Agreement,
  AgreementListQuery,
  AgreementPage,
  AgreementStatusSummary,
  Approve,
  Comment,
  CommentList,
  CreateAgreement,
  CreateComment,
  MetricInfo,
  PrivateNote,
  Timeline,
  Transition,
  UpdateAgreement,
  UpdatePrivateNote,
  VersionDetail,
  VersionDiff,
  VersionList,
} from '../../../contracts/agreements.ts';
import { IdParams, IsoDate, PositiveInt32Param } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import { exportAgreementsXlsx } from './export.ts';
import * as service from './service.ts';

const VersionParams = IdParams.extend({ versionNo: PositiveInt32Param });

export function agreementRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agreements'];
  r.get('/api/v1/agreements', {
    schema: { tags, summary: 'Agreements I may see, filtered and sorted', querystring: AgreementListQuery, response: { 200: AgreementPage, ...errorResponses } },
    handler: (req) => service.listAgreements(deps, req.ctx, req.query),
  });
  r.get('/api/v1/agreements/summary', {
    schema: {
      tags,
      summary: 'How many of the filtered agreements are in each status',
      querystring: AgreementListQuery.omit({ limit: true, cursor: true, sort: true }),
      response: { 200: AgreementStatusSummary, ...errorResponses },
    },
    handler: (req) => service.summarizeAgreements(deps, req.ctx, req.query),
  });
  r.get('/api/v1/agreements/export.xlsx', {
    schema: { tags, summary: 'The filtered list as an XLSX file', querystring: AgreementListQuery.omit({ limit: true, cursor: true }) },
    handler: async (req, reply) => {
      const body = await exportAgreementsXlsx(deps, req.ctx, { ...req.query, limit: 200 });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="hoptac-agreements-${service.todayIn(deps.clock.now())}.xlsx"`)
        .send(body);
    },
  });
  r.post('/api/v1/agreements', {
    schema: { tags, summary: 'Draft an agreement (my institution must be a party)', body: CreateAgreement, response: { 201: Agreement, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.createAgreement(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/agreements/:id', {
    schema: { tags, summary: 'An agreement: parties, areas, contacts, commitments, targets, approvals', params: IdParams, response: { 200: Agreement, ...errorResponses } },
    handler: (req) => service.getAgreement(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/agreements/:id', {
    schema: { tags, summary: 'Edit the content (a new version; voids approvals) or the visibility', params: IdParams, body: UpdateAgreement, response: { 200: Agreement, ...errorResponses } },
    handler: (req) => service.updateAgreement(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/agreements/:id/versions', {
    schema: { tags, summary: 'Every version, newest first', params: IdParams, response: { 200: VersionList, ...errorResponses } },
    handler: (req) => service.listVersions(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/agreements/:id/versions/:versionNo', {
    schema: { tags, summary: 'One version with its content and hash', params: VersionParams, response: { 200: VersionDetail, ...errorResponses } },
    handler: (req) => service.getVersion(deps, req.ctx, req.params.id, req.params.versionNo),
  });
  r.get('/api/v1/agreements/:id/diff', {
    schema: {
      tags,
      summary: 'What changed between two versions',
      params: IdParams,
      querystring: z.object({ from: PositiveInt32Param, to: PositiveInt32Param }),
      response: { 200: VersionDiff, ...errorResponses },
    },
    handler: (req) => service.diffVersions(deps, req.ctx, req.params.id, req.query.from, req.query.to),
  });
  r.post('/api/v1/agreements/:id/approvals', {
    schema: { tags, summary: "Approve the current version for my institution (send its content hash)", params: IdParams, body: Approve, response: { 200: Agreement, ...errorResponses } },
    handler: (req) => service.approveAgreement(deps, req.ctx, req.params.id, req.body.contentHash),
  });
  r.post('/api/v1/agreements/:id/transitions', {
    schema: { tags, summary: 'Change the status (negotiation, awaiting approval, terminated …)', params: IdParams, body: Transition, response: { 200: Agreement, ...errorResponses } },
    handler: (req) => service.transitionAgreement(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/agreements/:id/renewal', {
    schema: {
      tags,
      summary: 'Start the successor agreement (a draft with the same content and new dates)',
      params: IdParams,
      body: z.object({ startDate: IsoDate, endDate: IsoDate.nullable() }).strict(),
      response: { 201: Agreement, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.renewAgreement(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/agreements/:id/comments', {
    schema: { tags, summary: 'Comments and proposals of the parties', params: IdParams, response: { 200: CommentList, ...errorResponses } },
    handler: (req) => service.listComments(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/agreements/:id/comments', {
    schema: { tags, summary: 'Comment on the agreement, an area or a clause, or propose a change', params: IdParams, body: CreateComment, response: { 201: Comment, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await service.addComment(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/agreements/:id/note', {
    schema: { tags, summary: "My institution's private note (other parties never see it)", params: IdParams, response: { 200: PrivateNote, ...errorResponses } },
    handler: (req) => service.getPrivateNote(deps, req.ctx, req.params.id),
  });
  r.put('/api/v1/agreements/:id/note', {
    schema: { tags, summary: "Save my institution's private note", params: IdParams, body: UpdatePrivateNote, response: { 200: PrivateNote, ...errorResponses } },
    handler: (req) => service.savePrivateNote(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/agreements/:id/timeline', {
    schema: { tags, summary: 'What happened to the agreement, oldest first', params: IdParams, response: { 200: Timeline, ...errorResponses } },
    handler: (req) => service.getTimeline(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/metrics', {
    schema: { tags, summary: 'The catalogue of target metrics', response: { 200: z.object({ items: z.array(MetricInfo) }), ...errorResponses } },
    handler: (req) => service.listMetrics(req.ctx),
  });
}
