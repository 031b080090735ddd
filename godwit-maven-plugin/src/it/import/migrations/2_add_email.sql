-- migrate:up
ALTER TABLE users ADD COLUMN email TEXT;
-- migrate:down
ALTER TABLE users DROP COLUMN email;
