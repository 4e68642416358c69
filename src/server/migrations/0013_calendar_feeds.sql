-- A user's personal iCalendar feed (modules/calendar): a secret URL that calendar applications subscribe to. One
-- per user; making a new one replaces the old (whose URL stops working). Only the SHA-256 of the secret is kept.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL CONSTRAINT calendar_feeds_user_fk REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL CONSTRAINT calendar_feeds_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  CONSTRAINT calendar_feeds_user_key UNIQUE (user_id),
  CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
);
