import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely's view of the tables in src/server/migrations. Keep in step with the SQL.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type ReadOnly<T> = ColumnType<T, never, never>;

export interface AppMetaTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface InstitutionsTable {
  id: Generated<string>;
  code: string;
  kind: string;
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

export interface UnitsTable {
  id: Generated<string>;
  institution_id: string;
  parent_id: string | null;
  kind: string;
  code: string | null;
  name_vi: string;
  name_en: string;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  search_doc: ReadOnly<string>;
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
  visibility: Generated<string>;
  is_sample: Generated<boolean>;
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
  language: Generated<string>;
  roles: Generated<string[]>;
  status: Generated<string>;
  is_sample: Generated<boolean>;
  last_login_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
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

export interface RateEventsTable {
  id: Generated<string>;
  action: 'login_failure' | 'password_reset';
  subject: string;
  ip: string;
  at: Timestamp;
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

export interface InvitationsTable {
  id: Generated<string>;
  institution_id: string;
  email: string;
  display_name: string;
  roles: string[];
  language: Generated<string>;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Timestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  institution_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
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
  created_at: Date | string;
  audit_id: string;
}

export interface MailOutboxTable {
  id: Generated<string>;
  institution_id: string | null;
  recipient_user_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  display_body: string;
  template: string;
  status: Generated<string>;
  error: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface AgreementsTable {
  id: Generated<string>;
  owner_institution_id: string;
  kind: string;
  parent_id: string | null;
  predecessor_id: string | null;
  successor_id: string | null;
  status: Generated<string>;
  visibility: Generated<string>;
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
  search_doc: ReadOnly<string>;
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

export interface AgreementPartiesTable {
  agreement_id: string;
  institution_id: string;
  unit_id: string | null;
  position: number;
}

export interface AgreementAreasTable {
  agreement_id: string;
  area_key: string;
  kind: string;
  position: number;
}

export interface AgreementContactsTable {
  agreement_id: string;
  area_key: string;
  institution_id: string;
  person_id: string;
}

export interface AgreementTargetsTable {
  agreement_id: string;
  area_key: string;
  target_key: string;
  metric: string;
  period_start: string;
  period_end: string;
  value: number | string;
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

export interface AgreementCommentsTable {
  id: Generated<string>;
  agreement_id: string;
  institution_id: string;
  author_user_id: string | null;
  author_label: string;
  kind: Generated<string>;
  area_key: string | null;
  clause: string | null;
  body: string;
  version_no: number;
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

export interface AgreementDocumentsTable {
  id: Generated<string>;
  agreement_id: string;
  document_key: string;
  revision: number;
  kind: string;
  title: string;
  file_id: string;
  institution_id: string;
  uploaded_by_label: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  params: Generated<unknown>;
  read_at: Date | null;
  created_at: Timestamp;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  email: boolean;
  in_app: boolean;
}

export interface AgreementRemindersTable {
  agreement_id: string;
  kind: string;
  sent_at: Timestamp;
}

export interface Database {
  agreements: AgreementsTable;
  agreement_versions: AgreementVersionsTable;
  agreement_parties: AgreementPartiesTable;
  agreement_areas: AgreementAreasTable;
  agreement_contacts: AgreementContactsTable;
  agreement_targets: AgreementTargetsTable;
  agreement_approvals: AgreementApprovalsTable;
  agreement_comments: AgreementCommentsTable;
  agreement_notes: AgreementNotesTable;
  files: FilesTable;
  agreement_documents: AgreementDocumentsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  agreement_reminders: AgreementRemindersTable;
  app_meta: AppMetaTable;
  institutions: InstitutionsTable;
  consortia: ConsortiaTable;
  consortium_members: ConsortiumMembersTable;
  units: UnitsTable;
  people: PeopleTable;
  users: UsersTable;
  sessions: SessionsTable;
  rate_events: RateEventsTable;
  invitations: InvitationsTable;
  oidc_logins: OidcLoginsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_owners: AuditOwnersTable;
  mail_outbox: MailOutboxTable;
}

export type InstitutionRow = Selectable<InstitutionsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
