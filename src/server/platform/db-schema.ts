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

export interface LoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  failed_at: Timestamp;
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
  institution_id: string | null;
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

export interface MailOutboxTable {
  id: Generated<string>;
  institution_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  template: string;
  status: Generated<string>;
  error: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface Database {
  app_meta: AppMetaTable;
  institutions: InstitutionsTable;
  consortia: ConsortiaTable;
  consortium_members: ConsortiumMembersTable;
  units: UnitsTable;
  people: PeopleTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
}

export type InstitutionRow = Selectable<InstitutionsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type UserRow = Selectable<UsersTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
