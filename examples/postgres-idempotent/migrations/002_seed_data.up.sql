-- Reference rows, keyed by their natural keys, so a second run inserts nothing.
INSERT INTO suppliers (name) VALUES ('Acme Hardware'), ('Northwind Foods')
ON CONFLICT (name) DO NOTHING;

INSERT INTO products (supplier_id, sku, name, scraping_confidence)
SELECT s.id, p.sku, p.name, p.confidence
FROM (VALUES ('Acme Hardware', 'AC-100', 'Claw hammer', 95),
             ('Acme Hardware', 'AC-200', 'Box of nails; 500', 80),
             ('Northwind Foods', 'NW-001', 'Darjeeling tea', 100)) AS p (supplier, sku, name, confidence)
JOIN suppliers s ON s.name = p.supplier
ON CONFLICT (supplier_id, sku) DO NOTHING;
