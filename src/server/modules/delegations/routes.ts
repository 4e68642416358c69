import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CancelDelegation,
  CreateDelegation,
  DecideDelegation,
  Delegation,
  DelegationList,
  DelegationListQuery,
  GuestList,
  ReportDelegation,
  SetProgramme,
  SubmitDelegation,
  UpdateDelegation,
} from '../../../contracts/delegations.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { binaryResponse, bodyErrorResponses, errorResponses, requestExample, sendFile } from '../http.ts';
import { invitationLetterPdf, residenceNoticePdf } from './documents.ts';
import * as service from './service.ts';

const READERS =
  'Users of the agreement’s parties who read it whole and platform admins; 404 for everyone else (a delegation of ' +
  'agreements one is no party of does not exist for them).';
const PREPARERS =
  'The handling institution’s cooperation officers and admins (API tokens with `agreements:write`); 403 for other ' +
  'readers, 404 for the rest. Send the `version` you read (409 when stale); 409 `conflict` in a state that does not ' +
  'allow it.';
const OFFICE =
  'Only the handling office (the handling institution’s cooperation officers and admins signed in; no API token, not ' +
  'the partner, not platform admins by their platform role): 403 for other readers, 404 for the rest. Every call is ' +
  'an audit entry `view_guests` of the handling institution.';

export function delegationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['delegations'];
  r.get('/api/v1/delegations', {
    schema: {
      operationId: 'listDelegations',
      tags,
      summary: 'Delegations the caller reads',
      description:
        'Incoming and outgoing delegations of the agreements the caller reads as a party, newest visit first, filtered ' +
        `by direction, status, year (visits overlapping it) and agreement. ${READERS} Guests appear as a number only.`,
      querystring: DelegationListQuery,
      response: { 200: DelegationList.meta({ examples: [ex.delegationList] }), ...errorResponses },
    },
    handler: (req) => service.listDelegations(deps, req.ctx, req.query),
  });
  r.post('/api/v1/agreements/:id/delegations', {
    schema: {
      operationId: 'createDelegation',
      tags,
      summary: 'Request a delegation under an agreement',
      description:
        'A draft request to receive a partner’s delegation (`incoming`: its guests with their passport data) or to ' +
        'send the own staff (`outgoing`: members from the directory), for the caller’s institution as a party, ' +
        'under an agreement that left the draft. Dates within the agreement’s period, in order; every guest’s passport ' +
        'valid until the visit ends (400 naming the field). Officers and admins of a party (API tokens with ' +
        '`agreements:write`, without guests); 403 for other readers, 404 for the rest.',
      params: IdParams,
      body: CreateDelegation.meta(requestExample(ex.createDelegation)),
      response: { 201: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createDelegation(deps, req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/delegations/:id', {
    schema: {
      operationId: 'getDelegation',
      tags,
      summary: 'Get a delegation',
      description: `The delegation, its programme, members and the number of its guests, with what the caller may do. ${READERS}`,
      params: IdParams,
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses },
    },
    handler: (req) => service.getDelegation(deps, req.ctx, req.params.id),
  });
  r.patch('/api/v1/delegations/:id', {
    schema: {
      operationId: 'updateDelegation',
      tags,
      summary: 'Edit a draft or rejected delegation',
      description:
        'Changes the request; `guests` and `members` replace the lists. An edit of a rejected request makes it a draft ' +
        `again. Guests only by the handling office. ${PREPARERS}`,
      params: IdParams,
      body: UpdateDelegation.meta(requestExample(ex.updateDelegation)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.updateDelegation(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/delegations/:id/submit', {
    schema: {
      operationId: 'requestDelegationApproval',
      tags,
      summary: 'Submit a delegation for approval',
      description:
        'Sends the draft to the handling institution’s leadership (its institution admins), or to the approvers named ' +
        '(active users of the handling institution). Refused with the field named: a visit starting before today, an ' +
        `incoming delegation without guests, an outgoing one without members. ${PREPARERS}`,
      params: IdParams,
      body: SubmitDelegation.meta(requestExample(ex.submitDelegation)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.submitDelegation(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/delegations/:id/decision', {
    schema: {
      operationId: 'setDelegationDecision',
      tags,
      summary: 'Approve or reject a submitted delegation',
      description:
        'The named approvers, or (none named) the handling institution’s admins; a rejection needs a comment. 403 for ' +
        'other readers, 404 for the rest; 409 for a stale `version` or a delegation not submitted.',
      params: IdParams,
      body: DecideDelegation.meta(requestExample(ex.decideDelegation)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.decideDelegation(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/delegations/:id/cancel', {
    schema: {
      operationId: 'markDelegationCancelled',
      tags,
      summary: 'Cancel a delegation',
      description: `Cancels a delegation not yet done, with the reason. ${PREPARERS}`,
      params: IdParams,
      body: CancelDelegation.meta(requestExample(ex.cancelDelegation)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.cancelDelegation(deps, req.ctx, req.params.id, req.body),
  });
  r.put('/api/v1/delegations/:id/programme', {
    schema: {
      operationId: 'setDelegationProgramme',
      tags,
      summary: 'Set the programme of the visit',
      description: `Replaces the programme (date, time, what, where; each day within the visit) until the delegation is done. ${PREPARERS}`,
      params: IdParams,
      body: SetProgramme.meta(requestExample(ex.setProgramme)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.setProgramme(deps, req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/delegations/:id/report', {
    schema: {
      operationId: 'createDelegationReport',
      tags,
      summary: 'Report on the visit',
      description:
        'After the visit’s last day, the outcomes of an approved delegation: it becomes done and an activity of kind ' +
        '`visit` (done, under its area, organised by the handling institution, its members as participants, the guests ' +
        `counted for the partner) is recorded under the agreement, linked as \`activityId\`. ${PREPARERS}`,
      params: IdParams,
      body: ReportDelegation.meta(requestExample(ex.reportDelegation)),
      response: { 200: Delegation.meta({ examples: [ex.delegation] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.reportDelegation(deps, req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/delegations/:id/guests', {
    schema: {
      operationId: 'listDelegationGuests',
      tags,
      summary: 'The guests’ personal data',
      description: `Full name, title, gender, date of birth, nationality, passport number and expiry of each guest; none once erased after the visit. ${OFFICE}`,
      params: IdParams,
      response: { 200: GuestList.meta({ examples: [ex.guestList] }), ...errorResponses },
    },
    handler: (req) => service.listGuests(deps, req.ctx, req.params.id),
  });
  r.get('/api/v1/delegations/:id/invitation-letter.pdf', {
    schema: {
      operationId: 'getDelegationInvitationLetter',
      tags,
      summary: 'The visa invitation letter (thư mời), as PDF',
      description:
        'The Vietnamese letter inviting the guests of an approved (or done) incoming delegation, with their passport ' +
        `data, for their visas. 409 for an outgoing delegation, one not approved, or guests' data erased. ${OFFICE}`,
      params: IdParams,
      response: { 200: binaryResponse('The letter', ['application/pdf']), ...errorResponses },
    },
    handler: async (req, reply) => {
      const pdf = await invitationLetterPdf(await service.documentData(deps, req.ctx, req.params.id, 'invitation_letter'));
      return sendFile(reply, 'application/pdf', { body: pdf, fileName: 'thu-moi.pdf' }, 'no-store');
    },
  });
  r.get('/api/v1/delegations/:id/residence-notice.pdf', {
    schema: {
      operationId: 'getDelegationResidenceNotice',
      tags,
      summary: 'The temporary-residence notice (khai báo tạm trú), as PDF',
      description:
        'The Vietnamese notice of the guests’ temporary residence (where they stay, when, each guest’s details) for an ' +
        `approved (or done) incoming delegation. 409 as for the invitation letter. ${OFFICE}`,
      params: IdParams,
      response: { 200: binaryResponse('The notice', ['application/pdf']), ...errorResponses },
    },
    handler: async (req, reply) => {
      const pdf = await residenceNoticePdf(await service.documentData(deps, req.ctx, req.params.id, 'residence_notice'));
      return sendFile(reply, 'application/pdf', { body: pdf, fileName: 'khai-bao-tam-tru.pdf' }, 'no-store');
    },
  });
}
