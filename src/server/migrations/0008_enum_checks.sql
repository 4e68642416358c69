-- The database holds the allowed values of every enum-like column (db-schema.ts types them as unions):
-- an invitation grants institution roles only (never platform_admin) in a known language; a token's
-- scopes are the ones the API knows.
ALTER TABLE invitations ADD CONSTRAINT invitations_roles_check
  CHECK (roles <@ ARRAY['institution_admin', 'cooperation_officer', 'coordinator', 'member', 'student']::text[]);
ALTER TABLE invitations ADD CONSTRAINT invitations_roles_not_empty CHECK (cardinality(roles) > 0);
ALTER TABLE invitations ADD CONSTRAINT invitations_language_check CHECK (language IN ('vi', 'en'));
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check
  CHECK (scopes <@ ARRAY['directory:read', 'directory:write', 'audit:read', 'agreements:read', 'agreements:write']::text[]);
