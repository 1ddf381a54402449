-- Leases are held per node instead of per job: each heartbeat renews one row here, however many jobs
-- the node holds, and a queued or running job is taken over once the row of its lease_owner has
-- expired or is gone. The per-job expiry column is no longer read.
CREATE TABLE nodes (
    id         VARCHAR(100) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE jobs DROP COLUMN lease_expires_at;
