import { type Actor, type RequestContext, requireActor } from '../../platform/context.ts';

// The home page is everybody's who is signed in (users and API tokens alike): what it shows is each
// module's business, decided by that module's policy in its provider (see registry.ts).
export const requireHomeReader = (ctx: RequestContext): Actor => requireActor(ctx);
