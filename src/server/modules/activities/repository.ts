// Every query of the activities module, one file per concern in repository/; this file is the one import point.
// Activities hang off agreements: the service finds the agreement for the caller first (agreements/access.ts: 404
// unseen, 403 not a party), so the functions here take agreement ids the caller may read; the people a caller names
// as participants are looked up with the caller's TenantScope.

export * from './repository/calendar.ts';
export * from './repository/commitment-progress.ts';
export * from './repository/dashboards.ts';
export * from './repository/evidence.ts';
export * from './repository/home-items.ts';
export * from './repository/imports.ts';
export * from './repository/read-activities.ts';
export * from './repository/reminders.ts';
export * from './repository/target-progress.ts';
export * from './repository/write-activities.ts';
