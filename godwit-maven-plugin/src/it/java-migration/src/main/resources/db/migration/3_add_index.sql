-- migrate:up
CREATE INDEX tasks_owner ON tasks (owner);
