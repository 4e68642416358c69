import type { Me } from '../../../contracts/accounts.ts';

// What the signed-in user may do is the server's answer, never worked out from roles here: `me.permissions`
// before any record is open (GET /me), and each record's own `permissions` (institution, unit, person,
// agreement) for that record. The server refuses the same things anyway; the web only hides what it would refuse.

/** The admin section: accounts, the audit log or the mail outbox. */
export const hasAdminSection = (me: Me) => me.permissions.manageAccounts || me.permissions.readAudit || me.permissions.readOutbox;
