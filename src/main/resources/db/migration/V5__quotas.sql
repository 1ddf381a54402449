-- Per-client quotas are counted in the shared database, so they hold across nodes: a client's
-- queued and running jobs (by owner and status), and its stored dataset bytes. A dataset's owner
-- and size were only in its metadata (JSON text); they get columns of their own, which the service
-- fills for rows stored before this migration on its first start.
CREATE INDEX jobs_owner_status ON jobs (owner, status);
ALTER TABLE datasets ADD COLUMN owner VARCHAR(64);
ALTER TABLE datasets ADD COLUMN size_bytes BIGINT;
CREATE INDEX datasets_owner ON datasets (owner);
