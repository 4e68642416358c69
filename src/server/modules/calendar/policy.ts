import { type Actor, requireActor, type RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

// Who may do what with the calendar: any signed-in caller reads its calendar (each source decides what of its
// records the caller reads); a personal feed belongs to a user — API tokens have none (403).

export function requireFeedOwner(ctx: RequestContext): Actor & { userId: string } {
  const actor = requireActor(ctx);
  if (actor.kind !== 'user' || !actor.userId) throw new AppError('forbidden');
  return actor as Actor & { userId: string };
}
