import type { NotificationKind } from '../../../contracts/notifications.ts';
import { EDITABLE, type Status } from '../../../engines/agreements/lifecycle.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import type { NotificationKindDefinition, NotificationSubject } from '../notifications/registry.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';

// The notifications the agreements module sends: about an agreement, to its parties' officers and admins
// and its points of contact (`repo.participantUserIds`), each only while they may see it — by their own roles
// and person (`repo.agreementReadableByUser`, the rule of `agreementReadable`), when sent and when listed. News of
// the negotiation (a comment or proposal, an approval before the agreement is signed) goes only to those who read
// the negotiation (its parties' negotiators): a point of contact who is a member or student is told of changes of
// the content, of the status, of its coming into force and expiry — what their timeline shows them.
//
// A point of contact reads the agreement while named; taken off it, or a negotiator whose roles no longer
// read it, no longer lists its notifications (docs/agreement-visibility.md).
export const agreementSubject: NotificationSubject = {
  type: 'agreement',
  readableIn: repo.agreementReadableIn,
  readersAmong: repo.readersOfAgreement,
  params: repo.agreementTitles,
  path: (id) => `/agreements/${id}`,
};

const kind = (k: NotificationKind): NotificationKindDefinition => ({
  kind: k,
  subject: agreementSubject,
  mailTemplate: `agreement_${k}`,
  defaults: { email: true, inApp: true },
});

export const AGREEMENT_NOTIFICATIONS = {
  approved: kind('approved'),
  commented: kind('commented'),
  changed: kind('changed'),
  activated: kind('activated'),
  expiry: kind('expiry'),
  status: kind('status'),
} as const satisfies Record<string, NotificationKindDefinition>;

/** Notifies the agreement's participants (see above) of `kind`; the mail ids to dispatch after commit. */
export async function notifyParticipants(
  tx: Tx,
  deps: AppDeps,
  kind: keyof typeof AGREEMENT_NOTIFICATIONS,
  agreementId: string,
  params: Record<string, string | number> = {},
  exceptUserId: string | null = null,
) {
  let recipients = await repo.participantUserIds(tx, agreementId);
  if (await isNegotiationNews(tx, kind, agreementId)) recipients = await repo.readersOfAgreement(tx, agreementId, recipients, { negotiation: true });
  return notify(tx, deps, AGREEMENT_NOTIFICATIONS[kind], {
    subjectId: agreementId,
    recipients,
    params,
    exceptUserId,
  });
}

/** Comments and proposals; an approval while the agreement is not signed (approvals in progress). */
async function isNegotiationNews(tx: Tx, kind: keyof typeof AGREEMENT_NOTIFICATIONS, agreementId: string): Promise<boolean> {
  if (kind === 'commented') return true;
  if (kind !== 'approved') return false;
  return EDITABLE.has((await repo.statusAndEnd(tx, agreementId)).status as Status);
}
