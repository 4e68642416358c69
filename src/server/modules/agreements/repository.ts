// Every query of the agreements module, one file per concern in repository/; this file is the one import point.
// Functions that find agreements, comments or notes for a caller take the caller's TenantScope (required: a
// caller's lookup cannot forget tenancy); the functions that work on an agreement the service already found
// through one of those (its versions, parties, approvals, status), or that the daily job runs as the system,
// take its id.

export * from './repository/approvals.ts';
export * from './repository/home-and-linked.ts';
export * from './repository/lifecycle.ts';
export * from './repository/lists.ts';
export * from './repository/negotiation.ts';
export * from './repository/notification-readers.ts';
export * from './repository/parties-and-people.ts';
export * from './repository/versions.ts';
export * from './repository/visible-agreements.ts';
