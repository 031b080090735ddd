-- migrate:up
CREATE TABLE roles (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL
);
INSERT INTO roles (name, description) VALUES ('admin', 'can do everything'), ('member', 'can read; it''s the default');
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';

-- migrate:down
ALTER TABLE users DROP COLUMN role;
DROP TABLE roles;
