-- migrate:up
ALTER TABLE notes ADD COLUMN source TEXT DEFAULT 'user';
ALTER TABLE notes ADD COLUMN directive_name TEXT;
ALTER TABLE notes ADD COLUMN severity TEXT DEFAULT 'info';
CREATE INDEX idx_notes_directive ON notes(directive_name);
CREATE INDEX idx_notes_severity ON notes(severity);

-- migrate:down
DROP INDEX idx_notes_severity;
DROP INDEX idx_notes_directive;
ALTER TABLE notes DROP COLUMN severity;
ALTER TABLE notes DROP COLUMN directive_name;
ALTER TABLE notes DROP COLUMN source;
