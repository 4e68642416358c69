import type { z } from 'zod';
import type { ExamPermissions } from '../../../contracts/exams.ts';
import { can } from '../../platform/capabilities.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Who may do what with exams (platform/capabilities.ts): the organiser's institution runs its exams (`exams.manage`:
// its exam organisers and admins, tokens with `exams:write`) and reads them (`exams.read`, also `exams:read`); another
// institution reads the published results of consenting candidates through an agreement in force with an admissions
// area (`exams.shared.read`: its admissions officers and admins, tokens with `exams:read`) — the gate itself is SQL,
// repository.ts `admissionsAgreementsSql`. Exams the caller reaches by neither are not found (404).

const owns = (actor: Actor, exam: { institution_id: string }) => actor.roles.includes('platform_admin') || actor.institutionId === exam.institution_id;

export const mayCreateExams = (actor: Actor) => can(actor, 'exams.manage');
/** Reads exams at all: the own institution's (organisers) or those shared with it (admissions officers). */
export const mayReadExams = (actor: Actor) => can(actor, 'exams.read') || can(actor, 'exams.shared.read');
export const mayManageExam = (actor: Actor, exam: { institution_id: string }) => owns(actor, exam) && can(actor, 'exams.manage');
export const mayReadOwnExam = (actor: Actor, exam: { institution_id: string }) => owns(actor, exam) && can(actor, 'exams.read');
/** Reading shared results: an admitting institution (never the organiser itself, which reads everything). */
export const mayReadShared = (actor: Actor, exam: { institution_id: string; status: string }) =>
  exam.status === 'published' && actor.institutionId !== exam.institution_id && can(actor, 'exams.shared.read');

/** Which exams a caller may reach at all, by capability (the tenancy condition is the repository's). */
export const examReach = (actor: Actor) => ({ own: can(actor, 'exams.read') || can(actor, 'exams.manage'), shared: can(actor, 'exams.shared.read') });

export function assertMayCreateExams(actor: Actor) {
  if (!mayCreateExams(actor)) throw new AppError('forbidden');
}
export function assertMayManageExam(actor: Actor, exam: { institution_id: string }) {
  if (!mayManageExam(actor, exam)) throw new AppError('forbidden');
}
export function assertMayReadOwnExam(actor: Actor, exam: { institution_id: string }) {
  if (!mayReadOwnExam(actor, exam)) throw new AppError('forbidden');
}

export const examPermissions = (actor: Actor, exam: { institution_id: string; status: string }): z.infer<typeof ExamPermissions> => ({
  edit: mayManageExam(actor, exam) && exam.status === 'draft',
  readCandidates: mayReadOwnExam(actor, exam),
  readAccessLog: mayManageExam(actor, exam),
  readShared: mayReadShared(actor, exam),
});
