-- Columns, an enum value, a constraint and an index added later; each step checks before it acts.
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS processed_at timestamptz;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS total_cents bigint;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS parser_version text;

-- Allowed in a transaction since PostgreSQL 12; the new value can be used from the next migration on.
ALTER TYPE processing_status ADD VALUE IF NOT EXISTS 'needs_review' AFTER 'processing';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'chk_invoices_total_non_negative' AND conrelid = 'invoices'::regclass) THEN
        ALTER TABLE invoices ADD CONSTRAINT chk_invoices_total_non_negative CHECK (total_cents >= 0);
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS idx_invoices_unprocessed ON invoices (received_at) WHERE processed_at IS NULL;
