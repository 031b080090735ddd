-- migrate:up
CREATE TABLE users (id INTEGER PRIMARY KEY);
