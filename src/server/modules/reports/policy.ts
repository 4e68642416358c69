import type { Agreement } from '../../../contracts/agreements.ts';

// Who may download what. The reports add no rights of their own: each file is built from services that check the
// caller (activities' progress and dashboard, the agreements' presenter, the directory's lists), and answer 404
// for what the caller does not see. The agreement ready to sign needs, beyond seeing it, the whole file and its
// approvals, read from the agreement as presented to the caller (agreements/policy.ts decided them).

export function maySignFrom(agreement: Pick<Agreement, 'view' | 'permissions'>) {
  return { readsWhole: agreement.view === 'full', readsApprovals: agreement.permissions.readApprovals };
}
