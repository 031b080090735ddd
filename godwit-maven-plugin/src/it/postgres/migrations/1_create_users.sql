-- migrate:up
CREATE TABLE users (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);

-- migrate:down
DROP TABLE users;
