import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';

// The audit log: institution admins read the entries their institution owns (platform/audit.ts files each
// entry under the record's owners), API tokens with `audit:read` the same, platform admins every entry.

export const mayReadAudit = (actor: Actor) => can(actor, 'audit.read');

export const requireAuditReader = (ctx: RequestContext): Actor => requireCapability(ctx, 'audit.read');
