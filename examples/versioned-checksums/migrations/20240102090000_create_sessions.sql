-- Migration: create_sessions
-- Version: 20240102090000

-- UP
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);

-- DOWN
DROP TABLE IF EXISTS sessions;
