-- migrate:up
CREATE INDEX IF NOT EXISTS idx_tasks_status ON tasks (status);

-- migrate:down
DROP INDEX IF EXISTS idx_tasks_status;
