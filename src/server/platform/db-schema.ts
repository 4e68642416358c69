// Generated from the migrated database by `npm run db:schema` (platform/db-schema-generator.ts). Do not edit:
// change the migration, then regenerate. platform/db-schema.test.ts fails when this file is out of date.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp the database fills in (insert may leave it out). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A generated column: read only. */
type ReadOnly<T> = ColumnType<T, never, never>;

export interface ActivitiesTable {
  id: Generated<string>;
  agreement_id: string;
  area_key: string;
  kind: 'seminar' | 'forum' | 'workshop' | 'conference' | 'training_course' | 'lecturer_exchange' | 'student_exchange' | 'internship' | 'visit' | 'joint_publication' | 'joint_project' | 'career_event' | 'community' | 'other';
  status: Generated<'planned' | 'done' | 'cancelled'>;
  title_vi: string;
  title_en: string;
  description_vi: Generated<string>;
  description_en: Generated<string>;
  start_date: string;
  end_date: string;
  place: Generated<string>;
  online: Generated<boolean>;
  outcomes: Generated<string>;
  is_public: Generated<boolean>;
  series_id: string | null;
  is_sample: Generated<boolean>;
  created_by: string | null;
  created_by_label: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  import_id: string | null;
}

export interface ActivityCountsTable {
  activity_id: string;
  institution_id: string;
  role: 'lecturer' | 'researcher' | 'student' | 'staff' | 'expert' | 'other';
  count: number;
}

export interface ActivityEvidenceTable {
  activity_id: string;
  document_id: string;
}

export interface ActivityImportsTable {
  id: Generated<string>;
  agreement_id: string;
  sha256: string;
  institution_id: string;
  created_by: string | null;
  created_at: Timestamp;
  rows_created: number;
}

export interface ActivityKindTalliesTable {
  agreement_id: string;
  year: number;
  kind: string;
  done: number;
  planned: number;
}

export interface ActivityMonthTalliesTable {
  agreement_id: string;
  month: string;
  done: number;
  planned: number;
}

export interface ActivityOrganisersTable {
  activity_id: string;
  institution_id: string;
}

export interface ActivityParticipantsTable {
  activity_id: string;
  person_id: string;
  institution_id: string;
  role: 'lecturer' | 'researcher' | 'student' | 'staff' | 'expert' | 'other';
}

export interface ActivityRemindersTable {
  agreement_id: string;
  reminder_key: string;
  sent_at: Timestamp;
}

export interface AdmissionCandidateProfilesTable {
  season_id: string;
  institution_id: string;
  exam_candidate_id: string | null;
  external_candidate_id: string | null;
  candidate_key: ReadOnly<string>;
  region: string | null;
  priority_groups: Generated<('UT1' | 'UT2')[]>;
  graduation_year: number | null;
  bonus: Generated<number>;
}

export interface AdmissionEquivalenceTablesTable {
  id: Generated<string>;
  season_id: string;
  institution_id: string;
  name: string;
  segments: unknown;
  source: unknown | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdmissionPreferencesTable {
  id: Generated<string>;
  season_id: string;
  institution_id: string;
  exam_candidate_id: string | null;
  external_candidate_id: string | null;
  external_score: number | null;
  candidate_key: ReadOnly<string>;
  program_id: string;
  rank: number;
  created_at: Timestamp;
}

export interface AdmissionProgramsTable {
  id: Generated<string>;
  season_id: string;
  institution_id: string;
  code: string;
  name_vi: string;
  name_en: string;
  quota: number;
  methods: Generated<unknown>;
  floor: number | null;
  tie_break: Generated<('rank' | 'c1' | 'c2' | 'lottery')[]>;
  tie_policy: Generated<'strict' | 'accept-all' | 'reject-all'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  priority_points: Generated<boolean>;
  floor_basis: Generated<'academic' | 'final'>;
  threshold_includes_bonus: Generated<boolean>;
}

export interface AdmissionRunProgramsTable {
  run_id: string;
  program_id: string;
  position: number;
  code: string;
  quota: number;
  floor: number | null;
  tie_break: string[];
  tie_policy: string;
  admitted: Generated<number>;
  cutoff: number | null;
  applicants: Generated<number>;
  admitted_bins: Generated<number[]>;
  applicant_bins: Generated<number[]>;
}

export interface AdmissionRunResultsTable {
  run_id: string;
  candidate_key: string;
  exam_candidate_id: string | null;
  external_candidate_id: string | null;
  program_id: string | null;
  rank: number | null;
  score: number | null;
  preference_ranks: number[] | null;
  preference_positions: number[] | null;
  preference_scores: number[] | null;
}

export interface AdmissionRunsTable {
  id: Generated<string>;
  season_id: string;
  institution_id: string;
  kind: 'dry' | 'final';
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>;
  progress: Generated<number>;
  cancel_requested: Generated<boolean>;
  started_by: string | null;
  started_by_label: string;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  candidates: number | null;
  applications: number | null;
  matched: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdmissionSeasonMembersTable {
  season_id: string;
  institution_id: string;
  created_at: Timestamp;
}

export interface AdmissionSeasonsTable {
  id: Generated<string>;
  institution_id: string;
  title_vi: string;
  title_en: string;
  year: number;
  status: Generated<'draft' | 'running' | 'published'>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  consortium_id: string | null;
  is_sample: Generated<boolean>;
  published_run_id: string | null;
}

export interface AgreementApprovalsTable {
  id: Generated<string>;
  agreement_id: string;
  institution_id: string;
  version_no: number;
  content_hash: string;
  approved_by: string | null;
  approved_by_label: string;
  approved_at: Timestamp;
  voided_at: Date | null;
  voided_by_version: number | null;
  void_reason: string | null;
}

export interface AgreementAreasTable {
  agreement_id: string;
  area_key: string;
  kind: string;
  position: number;
}

export interface AgreementCommentsTable {
  id: Generated<string>;
  agreement_id: string;
  institution_id: string;
  author_user_id: string | null;
  author_label: string;
  kind: Generated<'comment' | 'proposal'>;
  area_key: string | null;
  clause: string | null;
  body: string;
  version_no: number;
  created_at: Timestamp;
}

export interface AgreementContactsTable {
  agreement_id: string;
  area_key: string;
  institution_id: string;
  person_id: string;
}

export interface AgreementDocumentsTable {
  id: Generated<string>;
  agreement_id: string;
  document_key: string;
  revision: number;
  kind: 'signed' | 'annex' | 'minutes' | 'other' | 'evidence';
  title: string;
  file_id: string;
  institution_id: string;
  uploaded_by_label: string;
  created_at: Timestamp;
}

export interface AgreementNotesTable {
  agreement_id: string;
  institution_id: string;
  body: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface AgreementPartiesTable {
  agreement_id: string;
  institution_id: string;
  unit_id: string | null;
  position: number;
}

export interface AgreementRemindersTable {
  agreement_id: string;
  kind: string;
  sent_at: Timestamp;
}

export interface AgreementTargetsTable {
  agreement_id: string;
  area_key: string;
  target_key: string;
  metric: string;
  period_start: string;
  period_end: string;
  value: number;
}

export interface AgreementVersionsTable {
  agreement_id: string;
  version_no: number;
  content: unknown;
  content_hash: string;
  change_note: string | null;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
}

export interface AgreementsTable {
  id: Generated<string>;
  owner_institution_id: string;
  kind: 'mou' | 'cooperation' | 'strategic' | 'specific' | 'annex';
  parent_id: string | null;
  predecessor_id: string | null;
  successor_id: string | null;
  status: Generated<'draft' | 'negotiation' | 'awaiting_approval' | 'active' | 'expiring' | 'expired' | 'terminated' | 'renewed'>;
  visibility: Generated<'parties' | 'consortium' | 'public'>;
  title_vi: string;
  title_en: string;
  start_date: string;
  end_date: string | null;
  signing_date: string | null;
  current_version: Generated<number>;
  content_hash: string;
  fully_approved_at: Date | null;
  signed_document_id: string | null;
  status_reason: string | null;
  notice_date: string | null;
  status_changed_at: Timestamp;
  is_sample: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  parties_doc: Generated<string>;
  search_doc: ReadOnly<string>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  institution_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: ('directory:read' | 'directory:write' | 'audit:read' | 'agreements:read' | 'agreements:write' | 'exams:read' | 'exams:write' | 'admissions:read' | 'admissions:write')[];
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AppMetaTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown | null;
  after: unknown | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface AuditOwnersTable {
  institution_id: string;
  created_at: Date;
  audit_id: number;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
}

export interface CommitmentActualsTable {
  agreement_id: string;
  area_key: string;
  commitment_key: string;
  year: number;
  actual: number;
}

export interface ConsortiaTable {
  id: Generated<string>;
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: Generated<string>;
  description_en: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsortiumMembersTable {
  consortium_id: string;
  institution_id: string;
  joined_at: Timestamp;
}

export interface DelegationApproversTable {
  delegation_id: string;
  user_id: string;
}

export interface DelegationGuestsTable {
  id: Generated<string>;
  delegation_id: string;
  position: number;
  full_name: string | null;
  title: string | null;
  gender: 'female' | 'male' | 'other' | null;
  date_of_birth: string | null;
  nationality: string | null;
  passport_number: string | null;
  passport_expiry: string | null;
  erased_at: Date | null;
}

export interface DelegationMembersTable {
  delegation_id: string;
  person_id: string;
  institution_id: string;
  role: Generated<string>;
  position: number;
}

export interface DelegationsTable {
  id: Generated<string>;
  agreement_id: string;
  institution_id: string;
  partner_id: string;
  area_key: string;
  direction: 'incoming' | 'outgoing';
  status: Generated<'draft' | 'submitted' | 'approved' | 'rejected' | 'done' | 'cancelled'>;
  title_vi: string;
  title_en: string;
  purpose_vi: string;
  purpose_en: string;
  start_date: string;
  end_date: string;
  budget_source: 'institution' | 'partner' | 'project' | 'state' | 'sponsor' | 'other';
  budget_note: Generated<string>;
  lodging: Generated<string>;
  programme: Generated<unknown>;
  submitted_at: Date | null;
  decision: 'approve' | 'reject' | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  cancel_reason: string | null;
  outcomes: string | null;
  activity_id: string | null;
  guests_erased_at: Date | null;
  is_sample: Generated<boolean>;
  created_by: string | null;
  created_by_label: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ExamCandidatesTable {
  id: Generated<string>;
  exam_id: string;
  number: string;
  full_name: string;
  date_of_birth: string;
  round_id: string;
  venue: string;
  import_id: string | null;
  is_sample: Generated<boolean>;
  created_at: Timestamp;
}

export interface ExamConsentsTable {
  candidate_id: string;
  institution_id: string;
  given_at: Timestamp;
  withdrawn_at: Date | null;
}

export interface ExamImportsTable {
  id: Generated<string>;
  exam_id: string;
  sha256: string;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
  rows_created: number;
}

export interface ExamResultReadsTable {
  id: Generated<number>;
  exam_id: string;
  reader_institution_id: string;
  reader_user_id: string | null;
  reader_label: string;
  agreement_ids: string[];
  candidate_ids: string[];
  request_id: string | null;
  at: Timestamp;
}

export interface ExamRoundsTable {
  id: Generated<string>;
  exam_id: string;
  key: string;
  position: number;
  name_vi: string;
  name_en: string;
  start_date: string;
  end_date: string;
  venues: Generated<string[]>;
}

export interface ExamScoresTable {
  candidate_id: string;
  subject_id: string;
  total: number;
  parts: Generated<unknown>;
}

export interface ExamSubjectsTable {
  id: Generated<string>;
  exam_id: string;
  key: string;
  position: number;
  name_vi: string;
  name_en: string;
  min_score: number;
  max_score: number;
  step: number;
  parts: Generated<unknown>;
}

export interface ExamsTable {
  id: Generated<string>;
  institution_id: string;
  code: string;
  title_vi: string;
  title_en: string;
  year: number;
  status: Generated<'draft' | 'published'>;
  published_at: Date | null;
  is_sample: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FilesTable {
  id: Generated<string>;
  institution_id: string;
  sha256: string;
  size_bytes: number;
  mime_type: string;
  original_name: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface InstitutionsTable {
  id: Generated<string>;
  code: string;
  kind: 'university' | 'hospital' | 'institute' | 'business' | 'agency';
  country: string;
  name_vi: string;
  name_en: string;
  website: string | null;
  city: string | null;
  is_sample: Generated<boolean>;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_doc: ReadOnly<string>;
  dormant_after_months: Generated<number>;
}

export interface InvitationsTable {
  id: Generated<string>;
  institution_id: string;
  email: string;
  display_name: string;
  roles: ('institution_admin' | 'cooperation_officer' | 'coordinator' | 'member' | 'student' | 'exam_organiser' | 'admissions_officer')[];
  language: Generated<'vi' | 'en'>;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<string>;
  institution_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  template: string;
  status: Generated<'queued' | 'sent' | 'failed' | 'outbox_only'>;
  error: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  sent_at: Date | null;
  recipient_user_id: string | null;
  display_body: string;
}

export interface MetricSourcesTable {
  metric: string;
  counts: 'activities' | 'people';
  kinds: string[];
  role: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: 'approved' | 'commented' | 'changed' | 'activated' | 'expiry' | 'status' | 'dormant' | 'target_behind' | 'delegation_submitted' | 'delegation_decided';
  email: boolean;
  in_app: boolean;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: 'approved' | 'commented' | 'changed' | 'activated' | 'expiry' | 'status' | 'dormant' | 'target_behind' | 'delegation_submitted' | 'delegation_decided';
  params: Generated<unknown>;
  read_at: Date | null;
  created_at: Timestamp;
  subject_type: string;
  subject_id: string;
}

export interface OidcLoginsTable {
  key_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Timestamp;
  expires_at: Date;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface PeopleTable {
  id: Generated<string>;
  institution_id: string;
  unit_id: string | null;
  full_name: string;
  title: string | null;
  position_vi: string | null;
  position_en: string | null;
  email: string | null;
  phone: string | null;
  expertise: Generated<string[]>;
  languages: Generated<string[]>;
  visibility: Generated<'consortium' | 'private'>;
  is_sample: Generated<boolean>;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_doc: ReadOnly<string>;
  name_doc: ReadOnly<string>;
}

export interface PeopleNameWordsTable {
  word: string;
  full_name: string;
  person_id: string;
  institution_id: string;
  name_doc: string;
}

export interface RateEventsTable {
  id: Generated<number>;
  action: 'login_failure' | 'password_reset' | 'exam_lookup';
  subject: string;
  ip: string;
  at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface TargetActualsTable {
  agreement_id: string;
  area_key: string;
  target_key: string;
  actual: number;
}

export interface UnitsTable {
  id: Generated<string>;
  institution_id: string;
  parent_id: string | null;
  kind: 'school' | 'faculty' | 'department' | 'ward' | 'lab' | 'center' | 'college' | 'office';
  code: string | null;
  name_vi: string;
  name_en: string;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_doc: ReadOnly<string>;
}

export interface UsersTable {
  id: Generated<string>;
  institution_id: string;
  person_id: string | null;
  email: string;
  display_name: string;
  password_hash: string | null;
  language: Generated<'vi' | 'en'>;
  roles: Generated<('platform_admin' | 'institution_admin' | 'cooperation_officer' | 'coordinator' | 'member' | 'student' | 'exam_organiser' | 'admissions_officer')[]>;
  status: Generated<'active' | 'disabled'>;
  is_sample: Generated<boolean>;
  last_login_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  activities: ActivitiesTable;
  activity_counts: ActivityCountsTable;
  activity_evidence: ActivityEvidenceTable;
  activity_imports: ActivityImportsTable;
  activity_kind_tallies: ActivityKindTalliesTable;
  activity_month_tallies: ActivityMonthTalliesTable;
  activity_organisers: ActivityOrganisersTable;
  activity_participants: ActivityParticipantsTable;
  activity_reminders: ActivityRemindersTable;
  admission_candidate_profiles: AdmissionCandidateProfilesTable;
  admission_equivalence_tables: AdmissionEquivalenceTablesTable;
  admission_preferences: AdmissionPreferencesTable;
  admission_programs: AdmissionProgramsTable;
  admission_run_programs: AdmissionRunProgramsTable;
  admission_run_results: AdmissionRunResultsTable;
  admission_runs: AdmissionRunsTable;
  admission_season_members: AdmissionSeasonMembersTable;
  admission_seasons: AdmissionSeasonsTable;
  agreement_approvals: AgreementApprovalsTable;
  agreement_areas: AgreementAreasTable;
  agreement_comments: AgreementCommentsTable;
  agreement_contacts: AgreementContactsTable;
  agreement_documents: AgreementDocumentsTable;
  agreement_notes: AgreementNotesTable;
  agreement_parties: AgreementPartiesTable;
  agreement_reminders: AgreementRemindersTable;
  agreement_targets: AgreementTargetsTable;
  agreement_versions: AgreementVersionsTable;
  agreements: AgreementsTable;
  api_tokens: ApiTokensTable;
  app_meta: AppMetaTable;
  audit_log: AuditLogTable;
  audit_owners: AuditOwnersTable;
  calendar_feeds: CalendarFeedsTable;
  commitment_actuals: CommitmentActualsTable;
  consortia: ConsortiaTable;
  consortium_members: ConsortiumMembersTable;
  delegation_approvers: DelegationApproversTable;
  delegation_guests: DelegationGuestsTable;
  delegation_members: DelegationMembersTable;
  delegations: DelegationsTable;
  exam_candidates: ExamCandidatesTable;
  exam_consents: ExamConsentsTable;
  exam_imports: ExamImportsTable;
  exam_result_reads: ExamResultReadsTable;
  exam_rounds: ExamRoundsTable;
  exam_scores: ExamScoresTable;
  exam_subjects: ExamSubjectsTable;
  exams: ExamsTable;
  files: FilesTable;
  institutions: InstitutionsTable;
  invitations: InvitationsTable;
  mail_outbox: MailOutboxTable;
  metric_sources: MetricSourcesTable;
  notification_preferences: NotificationPreferencesTable;
  notifications: NotificationsTable;
  oidc_logins: OidcLoginsTable;
  password_resets: PasswordResetsTable;
  people: PeopleTable;
  people_name_words: PeopleNameWordsTable;
  rate_events: RateEventsTable;
  schema_migrations: SchemaMigrationsTable;
  sessions: SessionsTable;
  target_actuals: TargetActualsTable;
  units: UnitsTable;
  users: UsersTable;
}

export type InstitutionRow = Selectable<InstitutionsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
