import type { AgreementView } from '../../../../contracts/agreements.ts';
import { translate } from '../../../../locales/index.ts';
import { tenantScope } from '../../../platform/access.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import * as repo from '../repository.ts';

// People are named, not e-mailed: who saved a version, approved, commented or changed the status is shown by
// the title and full name of the person their account speaks for (when the reader may see that person in the
// directory; otherwise the account's display name), with the e-mail beside it for the parties. Readers of the
// announcement (non-parties) learn only which institution acted.

/** Label of approvals that come from a renewal clause, with the predecessor's version; shown localized. */
export const RENEWAL_LABEL = 'renewal-clause:';

export interface ActorRef {
  userId: string | null;
  tokenId?: string | null;
  /** What was recorded at the time: the e-mail, `token:<name>`, `system` or a renewal clause. */
  label: string;
}
export interface NamedActor {
  name: string;
  email: string | null;
}

/** A function naming each of these actors for the caller, who reads the agreement in `view`. */
export async function actorNamer(db: Db | Tx, ctx: RequestContext, view: AgreementView, refs: readonly ActorRef[]): Promise<(ref: ActorRef) => NamedActor> {
  const userIds = refs.map((r) => r.userId).filter((id): id is string => id !== null);
  const tokenIds = refs.map((r) => r.tokenId ?? null).filter((id): id is string => id !== null);
  const [users, tokens] = await Promise.all([
    repo.userNames(db, tenantScope(ctx), userIds),
    view === 'announcement' ? repo.tokenInstitutionCodes(db, tokenIds) : Promise.resolve([]),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const tokenCode = new Map(tokens.map((t) => [t.id, t.code]));
  const t = (key: string, params: Record<string, unknown> = {}) => translate(ctx.lang, key, params);
  return (ref) => {
    if (ref.label.startsWith(RENEWAL_LABEL)) return { name: t('approvals.renewalClause', { version: ref.label.slice(RENEWAL_LABEL.length) }), email: null };
    const user = ref.userId ? userById.get(ref.userId) : undefined;
    if (view === 'announcement') {
      const code = user?.institution_code ?? (ref.tokenId ? tokenCode.get(ref.tokenId) : undefined);
      return { name: code ?? t(ref.userId || ref.tokenId ? 'actors.someone' : 'actors.system'), email: null };
    }
    if (user) return { name: user.full_name ? [user.title, user.full_name].filter(Boolean).join(' ') : user.display_name, email: user.email };
    if (ref.label.startsWith('token:')) return { name: t('actors.token', { name: ref.label.slice('token:'.length) }), email: null };
    if (ref.label === 'system' && !ref.userId) return { name: t('actors.system'), email: null };
    // An account removed since: what was recorded.
    return { name: ref.label, email: ref.label.includes('@') ? ref.label : null };
  };
}
