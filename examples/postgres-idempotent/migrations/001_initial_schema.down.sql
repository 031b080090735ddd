DROP TABLE IF EXISTS invoices;
DROP TABLE IF EXISTS products;
DROP TABLE IF EXISTS suppliers;
DROP TYPE IF EXISTS processing_status;
DROP TYPE IF EXISTS file_type;
-- The extension stays: other schemas may use it.
