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
import * as ex from './api-examples.ts';
import { binaryResponse, bodyErrorResponses, errorResponses, requestExample, sendFile } from '../http.ts';
import { exportAgreementsXlsx } from './export.ts';
import * as service from './service.ts';

const VersionParams = IdParams.extend({ versionNo: PositiveInt32Param });

export function agreementRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agreements'];
  r.get('/api/v1/agreements', {
    schema: {
      operationId: 'listAgreements',
      tags,
      summary: 'List agreements',
      description:
        'The agreements the caller may see (their institution is a party, or the agreement is shared with a consortium ' +
        'of theirs, or public), filtered, searched (title or partner, diacritics optional) and sorted, one page at a ' +
        'time. Any signed-in user; API tokens with `agreements:read`.',
      querystring: AgreementListQuery,
      response: { 200: AgreementPage.meta({ examples: [ex.agreementPage] }), ...errorResponses },
    },
    handler: (req) => service.listAgreements(deps, req.ctx, req.query),
  });
  r.get('/api/v1/agreements/summary', {
    schema: {
      operationId: 'summarizeAgreements',
      tags,
      summary: 'Count the agreements by status',
      description:
        'How many of the agreements matching the same filters as the list are in each status. Any signed-in user; API ' +
        'tokens with `agreements:read`.',
      querystring: AgreementListQuery.omit({ limit: true, cursor: true, sort: true }),
      response: { 200: AgreementStatusSummary.meta({ examples: [ex.agreementStatusSummary] }), ...errorResponses },
    },
    handler: (req) => service.summarizeAgreements(deps, req.ctx, req.query),
  });
  r.get('/api/v1/agreements/export.xlsx', {
    schema: {
      operationId: 'exportAgreements',
      tags,
      summary: 'Export the list as a spreadsheet',
      description:
        "The agreements matching the filters (at most 200) as an XLSX workbook, in the caller's language. Any signed-in " +
        "user; API tokens with `agreements:read`.",
      querystring: AgreementListQuery.omit({ limit: true, cursor: true }),
      response: { 200: binaryResponse('The workbook (one sheet, a row per agreement)', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']), ...errorResponses },
    },
    handler: async (req, reply) => {
      const body = await exportAgreementsXlsx(deps, req.ctx, { ...req.query, limit: 200 });
      const fileName = `hoptac-agreements-${service.todayIn(deps.clock.now())}.xlsx`;
      return sendFile(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { body, fileName });
    },
  });
  r.post('/api/v1/agreements', {
    schema: {
      operationId: 'createAgreement',
      tags,
      summary: 'Draft an agreement',
      description:
        "Creates a draft (version 1) from its content: parties, dates, areas with points of contact, commitments and " +
        "targets. The caller's institution must be a party (platform admins may draft for any). Cooperation officers " +
        "and admins, API tokens with `agreements:write`; 400 names each field that breaks a content rule (e.g. " +
        "`content.areas.0.contacts.1.personId`).",
      body: CreateAgreement.meta(requestExample(ex.createAgreement)),
      response: { 201: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createAgreement(deps, req.ctx, req.body)),
  });
  r.get('/api/v1/agreements/:id', {
    schema: {
      operationId: 'getAgreement',
      tags,
      summary: 'Get an agreement',
      description:
        'The agreement with its current content, parties, approvals, status and what the caller may do (`permissions`). ' +
        'Parties read the whole file (`view: "full"`); other institutions that see it read what was announced (`view: ' +
        '"announcement"`). 404 when the caller may not see it.',
      params: IdParams,
      response: { 200: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses },
    },
    handler: (req) => service.getAgreement(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/agreements/:id', {
    schema: {
      operationId: 'updateAgreement',
      tags,
      summary: 'Edit an agreement',
      description:
        "Saves new content as a new version (approvals of the old one are voided; only while the agreement is open) " +
        "and/or changes its visibility. A party's officers and admins, API tokens with `agreements:write`; 409 " +
        "`version_conflict` when `baseVersion` is not the current version (the answer holds the current content and " +
        "what changed since), 409 when the status does not allow edits.",
      params: IdParams,
      body: UpdateAgreement.meta(requestExample(ex.updateAgreement)),
      response: { 200: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateAgreement(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/agreements/:id/versions', {
    schema: {
      operationId: 'listAgreementVersions',
      tags,
      summary: 'Versions of an agreement',
      description:
        "Every version, newest first: number, content hash, who saved it and why. The parties' officers, admins and " +
        "coordinators (403 for other readers); 404 when the caller may not see the agreement.",
      params: IdParams,
      response: { 200: VersionList.meta({ examples: [ex.versionList] }), ...errorResponses },
    },
    handler: (req) => service.listVersions(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/agreements/:id/versions/:versionNo', {
    schema: {
      operationId: 'getAgreementVersion',
      tags,
      summary: 'One version of an agreement',
      description:
        'One version with its full content and hash (docs/agreement-hash.md explains how to recompute it). Same readers ' +
        'as the versions list.',
      params: VersionParams,
      response: { 200: VersionDetail.meta({ examples: [ex.versionDetail] }), ...errorResponses },
    },
    handler: (req) => service.getVersion(deps, req.ctx, req.params.id, req.params.versionNo),
  });
  r.get('/api/v1/agreements/:id/diff', {
    schema: {
      operationId: 'diffAgreementVersions',
      tags,
      summary: 'What changed between two versions',
      description:
        'The differences between versions `from` and `to`, one entry per changed path (e.g. ' +
        '`areas[research].targets[t1].value`). Same readers as the versions list; 404 for a version that does not ' +
        'exist.',
      params: IdParams,
      querystring: z.object({ from: PositiveInt32Param, to: PositiveInt32Param }),
      response: { 200: VersionDiff.meta({ examples: [ex.versionDiff] }), ...errorResponses },
    },
    handler: (req) => service.diffVersions(deps, req.ctx, req.params.id, req.query.from, req.query.to),
  });
  r.post('/api/v1/agreements/:id/approvals', {
    schema: {
      operationId: 'approveAgreement',
      tags,
      summary: 'Approve the current version',
      description:
        "Approves the current version for the caller's institution; send the content hash you read, so that what you " +
        "approve is what you saw (409 when it is no longer current). Once every party approved and the signed copy is " +
        "attached, the agreement comes into force on its start date. A party's officers and admins, API tokens with " +
        "`agreements:write`; 409 when already approved.",
      params: IdParams,
      body: Approve.meta(requestExample(ex.approve)),
      response: { 200: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.approveAgreement(deps, req.ctx, req.params.id, req.body.contentHash),
  });
  r.post('/api/v1/agreements/:id/transitions', {
    schema: {
      operationId: 'transitionAgreement',
      tags,
      summary: 'Change the status of an agreement',
      description:
        "Moves the agreement along its lifecycle (negotiation, awaiting approval, terminated with a reason and notice " +
        "date, …); the rules are in engines/agreements/lifecycle.ts. A party's officers and admins, API tokens with " +
        "`agreements:write`; 409 for a transition the status does not allow.",
      params: IdParams,
      body: Transition.meta(requestExample(ex.transition)),
      response: { 200: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.transitionAgreement(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/agreements/:id/renewal', {
    schema: {
      operationId: 'renewAgreement',
      tags,
      summary: 'Start the successor agreement',
      description:
        "Creates the successor as a draft with the same content and the new dates (renewal by decision). A party's " +
        "officers and admins, API tokens with `agreements:write`; 409 `conflict` when a successor exists already.",
      params: IdParams,
      body: z.object({ startDate: IsoDate, endDate: IsoDate.nullable() }).strict().meta(requestExample(ex.renewal)),
      response: { 201: Agreement.meta({ examples: [ex.agreement] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.renewAgreement(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/agreements/:id/comments', {
    schema: {
      operationId: 'listAgreementComments',
      tags,
      summary: 'Comments and proposals',
      description:
        "The parties' discussion of the agreement, oldest first: comments and change proposals on the whole agreement, " +
        "an area or a clause. The parties' officers, admins and coordinators (403 for other readers); 404 for " +
        "non-parties.",
      params: IdParams,
      response: { 200: CommentList.meta({ examples: [ex.commentList] }), ...errorResponses },
    },
    handler: (req) => service.listComments(deps, req.ctx, req.params.id),
  });
  r.post('/api/v1/agreements/:id/comments', {
    schema: {
      operationId: 'addAgreementComment',
      tags,
      summary: 'Comment or propose a change',
      description:
        "Adds a comment or a change proposal, on the whole agreement, an area (`areaKey`) or a clause; the other " +
        "parties are notified. A party's officers, admins and coordinators, API tokens with `agreements:write`; 404 for " +
        "non-parties.",
      params: IdParams,
      body: CreateComment.meta(requestExample(ex.createComment)),
      response: { 201: Comment.meta({ examples: [ex.comment] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.addComment(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/agreements/:id/note', {
    schema: {
      operationId: 'getPrivateNote',
      tags,
      summary: "My institution's private note",
      description:
        "The caller's institution's own note on the agreement, which other parties never see. A party's officers, " +
        "admins and coordinators; 404 for non-parties.",
      params: IdParams,
      response: { 200: PrivateNote.meta({ examples: [ex.privateNote] }), ...errorResponses },
    },
    handler: (req) => service.getPrivateNote(deps, req.ctx, req.params.id),
  });
  r.put('/api/v1/agreements/:id/note', {
    schema: {
      operationId: 'savePrivateNote',
      tags,
      summary: "Save my institution's private note",
      description:
        "Replaces the note (`version` 0 for the first save; 409 when stale). A party's officers, admins and " +
        "coordinators, API tokens with `agreements:write`; 404 for non-parties.",
      params: IdParams,
      body: UpdatePrivateNote.meta(requestExample(ex.updatePrivateNote)),
      response: { 200: PrivateNote.meta({ examples: [ex.privateNote] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.savePrivateNote(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/agreements/:id/timeline', {
    schema: {
      operationId: 'getAgreementTimeline',
      tags,
      summary: 'What happened to an agreement',
      description:
        "The agreement's history, oldest first (drafted, edited, approved, status changes, documents), with who did it " +
        "by name — only the entries of what the caller may read. 404 when the caller may not see the agreement.",
      params: IdParams,
      response: { 200: Timeline.meta({ examples: [ex.timeline] }), ...errorResponses },
    },
    handler: (req) => service.getTimeline(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/metrics', {
    schema: {
      operationId: 'listMetrics',
      tags,
      summary: 'The catalogue of target metrics',
      description:
        'The metrics a target may count (exchanges, trainings, joint publications, …) with their names in both ' +
        'languages. Any signed-in user; API tokens with `agreements:read`.',
      response: { 200: z.object({ items: z.array(MetricInfo) }).meta({ examples: [ex.metrics] }), ...errorResponses },
    },
    handler: (req) => service.listMetrics(req.ctx),
  });
}
