-- Foundation: directory (institutions, units, people), consortia, accounts, sessions, tokens, audit, mail.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Folds text for search: lower case, no diacritics (đ → d included), every run of characters that are
-- not letters or digits becomes one space, trimmed. unaccent() is only STABLE; the two-argument form
-- with a fixed dictionary is safe to mark IMMUTABLE, which lets generated columns and indexes use it.
CREATE FUNCTION hoptac_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^[:alnum:]]+', ' ', 'g'))
$$;

-- The searchable form of a record: its folded words between spaces, so that `LIKE '% word%'` finds
-- words that start with `word` and the trigram index can use the word-start trigram " wo".
CREATE FUNCTION hoptac_search_doc(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT ' ' || hoptac_fold(value) || ' ' $$;

-- array_to_string is only STABLE (it calls type output functions); over text[] it is immutable in fact.
CREATE FUNCTION hoptac_join(value text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(value, ' '), '') $$;

CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code citext NOT NULL,
  kind text NOT NULL,
  country char(2) NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  website text,
  city text,
  is_sample boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_doc text GENERATED ALWAYS AS (hoptac_search_doc(code::text || ' ' || name_vi || ' ' || name_en)) STORED,
  CONSTRAINT institutions_code_key UNIQUE (code),
  CONSTRAINT institutions_kind_check CHECK (kind IN ('university', 'hospital', 'institute', 'business', 'agency')),
  CONSTRAINT institutions_country_check CHECK (country ~ '^[A-Z]{2}$'),
  CONSTRAINT institutions_code_format CHECK (code ~ '^[A-Za-z0-9-]{2,20}$')
);
CREATE INDEX institutions_search_idx ON institutions USING gin (search_doc gin_trgm_ops);

CREATE TABLE consortia (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code citext NOT NULL,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  description_vi text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT consortia_code_key UNIQUE (code)
);

CREATE TABLE consortium_members (
  consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consortium_id, institution_id)
);
CREATE INDEX consortium_members_institution_idx ON consortium_members (institution_id);

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  parent_id uuid,
  kind text NOT NULL,
  code text,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_doc text GENERATED ALWAYS AS (hoptac_search_doc(coalesce(code, '') || ' ' || name_vi || ' ' || name_en)) STORED,
  CONSTRAINT units_kind_check CHECK (kind IN ('school', 'faculty', 'department', 'ward', 'lab', 'center', 'college', 'office')),
  CONSTRAINT units_institution_id_key UNIQUE (institution_id, id),
  -- A unit's parent belongs to the same institution.
  CONSTRAINT units_parent_fk FOREIGN KEY (institution_id, parent_id) REFERENCES units (institution_id, id),
  CONSTRAINT units_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_institution_idx ON units (institution_id, name_vi, id);
CREATE INDEX units_parent_idx ON units (parent_id);
CREATE INDEX units_search_idx ON units USING gin (search_doc gin_trgm_ops);

CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  unit_id uuid,
  full_name text NOT NULL,
  title text,
  position_vi text,
  position_en text,
  email citext,
  phone text,
  expertise text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  visibility text NOT NULL DEFAULT 'consortium',
  is_sample boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_doc text GENERATED ALWAYS AS (
    hoptac_search_doc(full_name || ' ' || coalesce(title, '') || ' ' || coalesce(position_vi, '') || ' ' ||
      coalesce(position_en, '') || ' ' || coalesce(email::text, '') || ' ' || hoptac_join(expertise))
  ) STORED,
  CONSTRAINT people_unit_fk FOREIGN KEY (institution_id, unit_id) REFERENCES units (institution_id, id),
  CONSTRAINT people_visibility_check CHECK (visibility IN ('consortium', 'private')),
  CONSTRAINT people_email_key UNIQUE (institution_id, email)
);
CREATE INDEX people_institution_idx ON people (institution_id, full_name, id);
CREATE INDEX people_name_idx ON people (full_name, id);
CREATE INDEX people_unit_idx ON people (unit_id);
CREATE INDEX people_search_idx ON people USING gin (search_doc gin_trgm_ops);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  person_id uuid REFERENCES people (id),
  email citext NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  language text NOT NULL DEFAULT 'vi',
  roles text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active',
  is_sample boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_language_check CHECK (language IN ('vi', 'en')),
  CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled')),
  CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['platform_admin', 'institution_admin', 'cooperation_officer',
    'coordinator', 'member', 'student']::text[])
);
CREATE INDEX users_institution_idx ON users (institution_id, display_name, id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed logins, counted per e-mail and per address in the database so that several app processes agree.
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email citext NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  email citext NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  language text NOT NULL DEFAULT 'vi',
  token_hash text NOT NULL,
  invited_by uuid REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT invitations_token_key UNIQUE (token_hash)
);
CREATE INDEX invitations_institution_idx ON invitations (institution_id, created_at DESC);

CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT password_resets_token_key UNIQUE (token_hash)
);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  name text NOT NULL,
  token_hash text NOT NULL,
  token_prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT api_tokens_token_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_institution_idx ON api_tokens (institution_id, created_at DESC);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id uuid REFERENCES institutions (id),
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, created_at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid REFERENCES institutions (id),
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  template text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CONSTRAINT mail_outbox_status_check CHECK (status IN ('queued', 'sent', 'failed', 'outbox_only'))
);
CREATE INDEX mail_outbox_institution_idx ON mail_outbox (institution_id, created_at DESC);
