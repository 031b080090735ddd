-- The Node runner's (Umzug's) own first migration: its tracking table. Godwit keeps its history in
-- schema_migrations_godwit; this table stays for the Node runner and for 'godwit import --from umzug', so there is
-- no down section: Godwit never drops it.
-- migrate:up
CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, executed_at TEXT);
