-- migrate:up
INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Grace; the admiral');
INSERT INTO posts (author_id, title, body) VALUES
    (1, 'Notes', 'On the analytical engine; with a semicolon'),
    (2, 'Bugs', 'It''s a moth');

-- migrate:down
DELETE FROM posts WHERE author_id IN (1, 2);
DELETE FROM authors WHERE id IN (1, 2);
