import { can, requireCapability } from '../../platform/capabilities.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';

// Consortia are the links through which institutions see each other's directories: members read the
// consortia they belong to (reading the directory, `directory.read`), the operator creates them and sets
// their members (`platform.operate`).

export const mayManageConsortia = (actor: Actor) => can(actor, 'platform.operate');

export const requireConsortiumReader = (ctx: RequestContext): Actor => requireCapability(ctx, 'directory.read');

export const requireConsortiumManager = (ctx: RequestContext): Actor => requireCapability(ctx, 'platform.operate');
