import type { PersonPermissions } from '../../../contracts/directory.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { mayManageDirectoryOf } from '../institutions/policy.ts';

// People belong to their institution's directory: its directory managers add, change and archive them
// (institutions/policy.ts). Anyone may also change — not archive — the person their own account speaks for
// (`users.person_id`, always a person of their own institution). Reading is reading the directory
// (`requireDirectoryReader`) within tenancy, where private people stay with their institution.

/** The caller, with the person their account speaks for (null for API tokens and accounts without one). */
export interface PersonViewer {
  actor: Actor;
  ownPersonId: string | null;
}

export const mayAddPersonTo = (actor: Actor, institutionId: string) => mayManageDirectoryOf(actor, institutionId);

export const mayArchivePerson = (viewer: PersonViewer, person: { institution_id: string }) => mayManageDirectoryOf(viewer.actor, person.institution_id);

export const mayEditPerson = (viewer: PersonViewer, person: { id: string; institution_id: string }) =>
  mayArchivePerson(viewer, person) || (viewer.ownPersonId !== null && viewer.ownPersonId === person.id);

export function assertMayAddPersonTo(actor: Actor, institutionId: string): void {
  if (!mayAddPersonTo(actor, institutionId)) throw new AppError('forbidden');
}

/** An edit of a person: 403 unless the caller may edit them, and may archive them when the edit (un)archives. */
export function assertMayUpdatePerson(viewer: PersonViewer, person: { id: string; institution_id: string }, archives: boolean): void {
  if (!mayEditPerson(viewer, person)) throw new AppError('forbidden');
  if (archives && !mayArchivePerson(viewer, person)) throw new AppError('forbidden');
}

export const personPermissions = (viewer: PersonViewer, person: { id: string; institution_id: string }): PersonPermissions => ({
  edit: mayEditPerson(viewer, person),
  archive: mayArchivePerson(viewer, person),
});
