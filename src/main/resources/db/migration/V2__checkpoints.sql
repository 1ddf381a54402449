-- A running job's latest checkpoint (loop, optimizer and schedule state after checkpoint_iteration
-- steps) and the trajectory writer's thinning state at that point, so a job taken over by another
-- node continues from there instead of starting over.
ALTER TABLE jobs ADD COLUMN checkpoint BYTEA;
ALTER TABLE jobs ADD COLUMN checkpoint_iteration BIGINT;
ALTER TABLE jobs ADD COLUMN trajectory_stride BIGINT;
ALTER TABLE jobs ADD COLUMN trajectory_offered BIGINT;
