-- Jobs with their request, progress and result (JSON text), leases for the workers that run them,
-- and trajectories stored in chunks of many points each. One schema serves PostgreSQL and the embedded
-- H2 store alike (H2 reads BYTEA as BINARY VARYING).
CREATE TABLE jobs (
    id                 VARCHAR(36)  PRIMARY KEY,
    name               VARCHAR(200),
    status             VARCHAR(16)  NOT NULL,
    problem_type       VARCHAR(64)  NOT NULL,
    optimizer_type     VARCHAR(64)  NOT NULL,
    dimension          INTEGER      NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE,
    request            TEXT         NOT NULL,
    progress           TEXT,
    result             TEXT,
    error              TEXT,
    idempotency_key    VARCHAR(200) UNIQUE,
    fingerprint        VARCHAR(64)  NOT NULL,
    attempt            INTEGER      NOT NULL DEFAULT 0,
    lease_owner        VARCHAR(100),
    lease_expires_at   TIMESTAMP WITH TIME ZONE,
    cancel_requested   BOOLEAN      NOT NULL DEFAULT FALSE,
    trajectory_thinned BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX jobs_status_id ON jobs (status, id);
CREATE INDEX jobs_finished_at ON jobs (finished_at);

CREATE TABLE trajectory_chunks (
    job_id          VARCHAR(36) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq             INTEGER     NOT NULL,
    first_iteration BIGINT      NOT NULL,
    last_iteration  BIGINT      NOT NULL,
    points          INTEGER     NOT NULL,
    data            BYTEA       NOT NULL,
    PRIMARY KEY (job_id, seq)
);
