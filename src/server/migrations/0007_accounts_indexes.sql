-- The accounts list (GET /admin/users) is ordered by e-mail within the admin's institution and pages on
-- (email, id): this index delivers each page as one range scan, and serves every other lookup of an
-- institution's accounts, so the index by display name (an order no list uses) goes. A platform admin's
-- list over every institution walks users_email_key.
CREATE INDEX users_institution_email_idx ON users (institution_id, email, id);
DROP INDEX users_institution_idx;
