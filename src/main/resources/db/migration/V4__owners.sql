-- The API client that created a job (null when security was off); lists filter by it. An
-- idempotency key is stored scoped by its client ("<client> <key>": keys have no spaces), so two
-- clients may use the same key; the column widens for the prefix.
ALTER TABLE jobs ADD COLUMN owner VARCHAR(64);
ALTER TABLE jobs ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(300);
CREATE INDEX jobs_owner_id ON jobs (owner, id);
