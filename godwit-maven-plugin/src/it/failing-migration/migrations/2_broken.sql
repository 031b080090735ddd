-- migrate:up
CREATE TABLE tags (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
