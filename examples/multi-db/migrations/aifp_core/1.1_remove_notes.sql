-- migrate:up
-- Notes moved to project.db.
DROP TABLE notes;

-- migrate:down
-- Structure only: the notes themselves are not restored.
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    content TEXT NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
