import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext, Role } from '../../platform/context.ts';
import { PRIVILEGED_ROLES } from '../accounts/policy.ts';

// The mail outbox: institution admins read their institution's mail (`outbox.read`), platform admins all.
// An admin reads the mail of ordinary members, of addresses without an account (invitees) and their own —
// never the mail of another admin or of the operator. Secret links are masked for everyone (`display_body`).

export const mayReadOutbox = (actor: Actor) => can(actor, 'outbox.read');

export const requireOutboxReader = (ctx: RequestContext): Actor => requireCapability(ctx, 'outbox.read');

/** Mail to accounts holding any of these roles is not shown to the actor (except their own). */
export const hiddenRecipientRoles = (actor: Actor): Role[] => (can(actor, 'platform.operate') ? [] : PRIVILEGED_ROLES);
