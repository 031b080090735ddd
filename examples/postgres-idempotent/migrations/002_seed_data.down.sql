DELETE FROM products WHERE sku IN ('AC-100', 'AC-200', 'NW-001');
DELETE FROM suppliers WHERE name IN ('Acme Hardware', 'Northwind Foods');
