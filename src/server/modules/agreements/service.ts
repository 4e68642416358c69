// The agreements module's public face: routes and other modules import from here only. Each use case lives
// in its own file under use-cases/ (the shared frame of a party officer's change is
// change-as-party-officer.ts); the access checks every module linked to agreements uses are in access.ts,
// the rules of who may do what in policy.ts.

export { documentAgreementIds, notAllowedFor, partyAgreementIds, requireAgreementParty, requireVisibleAgreement, visibleAgreementFacts, visibleAgreementIds } from './access.ts';
export { dateRulesOf } from './dates.ts';
export { todayIn } from './dates.ts';
export { agreementPermissions, attachCapability, canAttach, canDraft, canRead, readsNegotiationByRole } from './policy.ts';
export { applyDueStatus } from './use-cases/apply-due-status.ts';
export { approveAgreement } from './use-cases/approve-agreement.ts';
export { auditAgreement } from './use-cases/audit-agreement.ts';
export { addComment, listComments } from './use-cases/comments.ts';
export { createAgreement } from './use-cases/create-agreement.ts';
export { diffVersions, getTimeline, getVersion, listVersions } from './use-cases/history.ts';
export { listAgreements, listMetrics, summarizeAgreements } from './use-cases/list-agreements.ts';
export { getAgreement, presentAgreement } from './use-cases/present-agreement.ts';
export { actorNamer } from './use-cases/name-actors.ts';
export { agreementHomeSections } from './use-cases/home-items.ts';
export { agreementsOfContactPerson, agreementsOfInstitution } from './use-cases/linked-agreements.ts';
export { getPrivateNote, savePrivateNote } from './use-cases/private-note.ts';
export { recordSignedCopy } from './use-cases/record-signed-copy.ts';
export { renewAgreement } from './use-cases/renew-agreement.ts';
export { transitionAgreement } from './use-cases/transition-agreement.ts';
export { updateAgreement } from './use-cases/update-agreement.ts';
