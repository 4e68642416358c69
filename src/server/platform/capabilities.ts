import { ROLES, type Actor, type RequestContext, type Role, requireActor, type TokenScope } from './context.ts';
import { AppError } from './errors.ts';

// Who may do what, in one table. A user holds a capability through a role; an API token (which acts as a
// cooperation officer of its institution) through one of the listed scopes — `scopes: []` means no token
// ever holds it, and `audit:read` opens the audit log to a token although no officer reads it. Platform
// admins hold every capability — they operate the platform; whether an act needs the actor's institution
// to be a party or the record's owner is the module policy's part (modules/<module>/policy.ts builds its
// predicates from this table, and presenters answer them as `permissions`, which is all the web reads).
const STAFF: Role[] = ['institution_admin', 'cooperation_officer'];
const EVERYONE: Role[] = ROLES.filter((r) => r !== 'platform_admin');

export const CAPABILITIES = {
  /** Read the directory (institutions, units, people) as tenancy allows. */
  'directory.read': { roles: EVERYONE, scopes: ['directory:read', 'directory:write'] },
  /** Create, edit and archive the own institution's units and people. */
  'directory.manage': { roles: STAFF, scopes: ['directory:write'] },
  /** Edit the own institution's profile. */
  'institution.edit': { roles: ['institution_admin'], scopes: [] },
  /** Add institutions and manage consortia: the operator only. */
  'platform.operate': { roles: [], scopes: [] },
  /** Accounts, invitations and API tokens of the own institution. */
  'accounts.manage': { roles: ['institution_admin'], scopes: [] },
  'audit.read': { roles: ['institution_admin'], scopes: ['audit:read'] },
  'outbox.read': { roles: ['institution_admin'], scopes: [] },
  /** Read agreements as visibility allows. */
  'agreements.read': { roles: EVERYONE, scopes: ['agreements:read'] },
  /**
   * Act for a party: draft, edit content, approve, change status, renew, attach the signed copy (which
   * can bring the agreement into force).
   */
  'agreements.act': { roles: STAFF, scopes: ['agreements:write'] },
  /** Take part in the negotiation of a party: comment, propose, keep the private note, attach working documents. */
  'agreements.discuss': { roles: [...STAFF, 'coordinator'], scopes: ['agreements:write'] },
  /**
   * Read the negotiation of a party (docs/agreement-visibility.md): its agreements before they are in force,
   * comments and proposals, versions and their differences, approvals in progress, the private note, working
   * documents. Members and students read agreements in force and those where they are a point of contact.
   */
  'agreements.negotiate.read': { roles: [...STAFF, 'coordinator'], scopes: ['agreements:read'] },
  /**
   * Record and edit the activities of a party's agreements (a point of contact records those of their areas
   * whatever their role: activities/policy.ts).
   */
  'activities.record': { roles: [...STAFF, 'coordinator'], scopes: ['agreements:write'] },
  /** Request and prepare delegations (đoàn vào / đoàn ra) of a party: draft, edit, submit, cancel, programme, report. */
  'delegations.request': { roles: STAFF, scopes: ['agreements:write'] },
  /** Approve or reject the institution's delegations: its leadership (or approvers named at submission: delegations/policy.ts). */
  'delegations.approve': { roles: ['institution_admin'], scopes: [] },
  /**
   * The handling office: read and write the guests' personal data of the institution's own delegations and the
   * documents made from it (every view audited). No API token reads passports.
   */
  'delegations.guests': { roles: STAFF, scopes: [] },
  /**
   * Run the institution's competency exams (modules/exams): define them, import registrations and results, publish,
   * read the candidates and who read shared results (the access log).
   */
  'exams.manage': { roles: ['institution_admin', 'exam_organiser'], scopes: ['exams:write'] },
  /** Read the own institution's exams, candidates and results (the organiser's office, and systems pulling them). */
  'exams.read': { roles: ['institution_admin', 'exam_organiser'], scopes: ['exams:read', 'exams:write'] },
  /**
   * Read another institution's published results for admission: only through an agreement in force with an
   * admissions area between the two, and only of candidates who consented (exams/policy.ts, every read recorded).
   */
  'exams.shared.read': { roles: ['institution_admin', 'admissions_officer'], scopes: ['exams:read'] },
  /**
   * Read the admission seasons the own institution takes part in (modules/admissions): programs, runs, outcomes and
   * the own programs' applicants (visibility.ts); systems pulling outcomes.
   */
  'admissions.read': { roles: ['institution_admin', 'admissions_officer'], scopes: ['admissions:read', 'admissions:write'] },
  /**
   * Run the own institution's admissions: seasons, programs, preferences (systems pushing them), matching runs. What a
   * consortium member may change beyond its own programs is the module's policy (admissions/policy.ts).
   */
  'admissions.manage': { roles: ['institution_admin', 'admissions_officer'], scopes: ['admissions:write'] },
} as const satisfies Record<string, { roles: readonly Role[]; scopes: readonly TokenScope[] }>;

export type Capability = keyof typeof CAPABILITIES;

export function can(actor: Actor, capability: Capability): boolean {
  if (actor.roles.includes('platform_admin')) return true;
  const rule: { roles: readonly Role[]; scopes: readonly TokenScope[] } = CAPABILITIES[capability];
  if (actor.scopes !== null) return actor.scopes.some((s) => rule.scopes.includes(s));
  return actor.roles.some((r) => rule.roles.includes(r));
}

/** The actor, when it holds the capability; 403 otherwise (401 without one). */
export function requireCapability(ctx: RequestContext, capability: Capability): Actor {
  const actor = requireActor(ctx);
  if (!can(actor, capability)) throw new AppError('forbidden');
  return actor;
}

/** Every capability the actor holds, for `GET /me` (what the web may offer before any record is open). */
export const capabilitiesOf = (actor: Actor) => (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(actor, c));
