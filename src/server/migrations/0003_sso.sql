-- OpenID Connect sign-ins in progress (modules/sso). The browser holds a random key in a short-lived
-- cookie; the row (found by the key's SHA-256) holds state, nonce and PKCE verifier, so any app process
-- can finish a sign-in another one started. A row is taken (deleted) by its callback, or expires.
CREATE TABLE oidc_logins (
  key_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);
