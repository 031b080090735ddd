DROP INDEX IF EXISTS idx_invoices_unprocessed;
ALTER TABLE invoices DROP CONSTRAINT IF EXISTS chk_invoices_total_non_negative;
ALTER TABLE invoices DROP COLUMN IF EXISTS parser_version;
ALTER TABLE invoices DROP COLUMN IF EXISTS total_cents;
ALTER TABLE invoices DROP COLUMN IF EXISTS processed_at;
-- PostgreSQL cannot drop one value from an enum; 'needs_review' stays (unused) after this rollback.
