// The delegations module's public face: routes and other modules import from here only (docs/delegations.md).
// Each use case lives in its own file under use-cases/: request (create-, update-delegation), submit to the
// leadership or named approvers, approve or reject (decide-), keep the programme (set-programme), cancel, and
// report after the visit (the report becomes an activity through the activities service); reading (the list, one
// delegation, the calendar, the reports' rows) in read-delegations.ts; the guests' personal data, read only by the
// handling office and audited at each reading (`view_guests`), in guests.ts. What every use case shares: the access
// checks (find-delegation.ts), the rules a schema cannot express and the stored columns (delegation-rules.ts), the
// presenter (present-delegation.ts) and the audit record (audit-delegation.ts: owned by the handling institution
// only, never the guests' personal data).

export { cancelDelegation } from './use-cases/cancel-delegation.ts';
export { createDelegation } from './use-cases/create-delegation.ts';
export { decideDelegation } from './use-cases/decide-delegation.ts';
export { type DelegationDocument, type DocumentData, documentData, listGuests } from './use-cases/guests.ts';
export { delegationCalendar, delegationsForReport, getDelegation, listDelegations } from './use-cases/read-delegations.ts';
export { reportDelegation } from './use-cases/report-delegation.ts';
export { setProgramme } from './use-cases/set-programme.ts';
export { submitDelegation } from './use-cases/submit-delegation.ts';
export { updateDelegation } from './use-cases/update-delegation.ts';
