-- migrate:up
CREATE TABLE from_classpath (id INTEGER PRIMARY KEY);
