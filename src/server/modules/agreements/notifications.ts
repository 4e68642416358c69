import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import type { NotificationKindDefinition, NotificationSubject } from '../notifications/registry.ts';
import { notify } from '../notifications/service.ts';
import * as repo from './repository.ts';

// The notifications the agreements module sends: about an agreement, to its parties' officers and admins
// and its points of contact (`repo.participantUserIds`), each only while their institution may read it.
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
  return notify(tx, deps, AGREEMENT_NOTIFICATIONS[kind], {
    subjectId: agreementId,
    recipients: await repo.participantUserIds(tx, agreementId),
    params,
    exceptUserId,
  });
}
