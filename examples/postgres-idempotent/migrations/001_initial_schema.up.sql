-- Initial schema, written so that running it again changes nothing and raises no error:
-- by hand (psql -f, any number of times) or under Godwit (once, recorded in godwit_history).
-- PostgreSQL has no CREATE TYPE IF NOT EXISTS nor ADD CONSTRAINT IF NOT EXISTS, so those two are
-- wrapped in DO blocks that look in the catalogue first, in the current schema only.

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE t.typname = 'file_type' AND n.nspname = current_schema()) THEN
        CREATE TYPE file_type AS ENUM ('pdf', 'csv', 'xlsx', 'manual');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE t.typname = 'processing_status' AND n.nspname = current_schema()) THEN
        CREATE TYPE processing_status AS ENUM ('pending', 'processing', 'done', 'failed');
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS suppliers (
    id          uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS products (
    id                   uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    supplier_id          uuid NOT NULL REFERENCES suppliers (id),
    sku                  text NOT NULL,
    name                 text NOT NULL,
    scraping_confidence  integer
);

CREATE TABLE IF NOT EXISTS invoices (
    id           uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    supplier_id  uuid NOT NULL REFERENCES suppliers (id),
    number       text NOT NULL,
    source       file_type NOT NULL,
    status       processing_status NOT NULL DEFAULT 'pending',
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Constraints added after the fact: look them up by name on their own table before adding.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'chk_confidence_score' AND conrelid = 'products'::regclass) THEN
        ALTER TABLE products ADD CONSTRAINT chk_confidence_score
            CHECK (scraping_confidence >= 0 AND scraping_confidence <= 100);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'uq_suppliers_name' AND conrelid = 'suppliers'::regclass) THEN
        ALTER TABLE suppliers ADD CONSTRAINT uq_suppliers_name UNIQUE (name);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'uq_products_supplier_sku' AND conrelid = 'products'::regclass) THEN
        ALTER TABLE products ADD CONSTRAINT uq_products_supplier_sku UNIQUE (supplier_id, sku);
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS idx_products_supplier ON products (supplier_id);
CREATE INDEX IF NOT EXISTS idx_invoices_supplier_received ON invoices (supplier_id, received_at DESC);
CREATE UNIQUE INDEX IF NOT EXISTS uq_invoices_supplier_number ON invoices (supplier_id, number);
