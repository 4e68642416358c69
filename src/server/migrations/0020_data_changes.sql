-- Each app process hears that the data changed (platform/data-changes.ts), to know when what it derived and kept
-- in memory (the rendered calendar feeds: calendar/feed-cache.ts) may be out of date. Every statement that writes
-- a watched table sends a notification on the channel `hoptac_data_changed`; PostgreSQL delivers it when (and only
-- if) the transaction commits, once per transaction (identical notifications are folded).
--
-- Watched: every table but the bookkeeping ones, which requests write while reading (sessions, feeds' last use,
-- rate limits, audit, mail, notifications, imports' progress, reminders sent). A later migration's table is
-- watched by `SELECT hoptac_watch_changes('<table>')`; data-changes.test.ts fails for a table that is neither
-- watched nor listed here as bookkeeping.
CREATE FUNCTION hoptac_notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hoptac_data_changed', '');
  RETURN NULL;
END
$$;

-- `ignoring`: columns whose updates alone change nothing derived (users.last_login_at is written at each sign-in).
CREATE FUNCTION hoptac_watch_changes(t regclass, ignoring text[] DEFAULT '{}') RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  updates text := 'UPDATE';
BEGIN
  IF cardinality(ignoring) > 0 THEN
    SELECT 'UPDATE OF ' || string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO updates
    FROM pg_attribute WHERE attrelid = t AND attnum > 0 AND NOT attisdropped AND attname <> ALL (ignoring);
  END IF;
  EXECUTE format('CREATE TRIGGER data_changed AFTER INSERT OR %s OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION hoptac_notify_data_changed()', updates, t);
END
$$;

SELECT hoptac_watch_changes(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.relname NOT IN ('schema_migrations', 'app_meta', 'sessions', 'calendar_feeds', 'rate_events', 'api_tokens',
    'oidc_logins', 'password_resets', 'invitations', 'audit_log', 'audit_owners', 'mail_outbox', 'notifications',
    'notification_preferences', 'activity_imports', 'activity_reminders', 'agreement_reminders', 'files', 'users');
SELECT hoptac_watch_changes('users', ARRAY['last_login_at', 'password_hash']);
