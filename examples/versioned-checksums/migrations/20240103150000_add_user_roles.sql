-- Migration: add_user_roles
-- Version: 20240103150000

-- UP
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
CREATE INDEX idx_users_role ON users(role);

-- DOWN
DROP INDEX IF EXISTS idx_users_role;
ALTER TABLE users DROP COLUMN role;
