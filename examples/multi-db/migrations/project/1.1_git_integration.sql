-- migrate:up
ALTER TABLE project ADD COLUMN last_known_git_hash TEXT;
ALTER TABLE project ADD COLUMN last_git_sync DATETIME;
CREATE TABLE work_branches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_name TEXT UNIQUE NOT NULL,
    user_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    status TEXT DEFAULT 'active',
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE merge_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_branch TEXT NOT NULL,
    target_branch TEXT DEFAULT 'main',
    merge_timestamp DATETIME DEFAULT CURRENT_TIMESTAMP,
    conflicts_detected INTEGER DEFAULT 0
);
CREATE INDEX idx_work_branches_user ON work_branches(user_name);
CREATE INDEX idx_merge_history_source ON merge_history(source_branch);

-- migrate:down
DROP TABLE merge_history;
DROP TABLE work_branches;
ALTER TABLE project DROP COLUMN last_git_sync;
ALTER TABLE project DROP COLUMN last_known_git_hash;
