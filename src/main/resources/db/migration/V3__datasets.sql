-- Uploaded datasets, shared by every node: the metadata (JSON text) and the compact binary file in
-- chunks, so a node that did not receive the upload fetches it once into its local cache.
CREATE TABLE datasets (
    id         VARCHAR(36)  PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    metadata   TEXT         NOT NULL
);

CREATE TABLE dataset_chunks (
    dataset_id VARCHAR(36) NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    seq        INTEGER     NOT NULL,
    data       BYTEA       NOT NULL,
    PRIMARY KEY (dataset_id, seq)
);
