-- migrate:up
-- Semicolons inside the trigger body do not end the statement.
CREATE TRIGGER posts_count_insert AFTER INSERT ON posts
BEGIN
    UPDATE authors SET post_count = post_count + 1 WHERE id = NEW.author_id;
END;

CREATE TRIGGER posts_count_delete AFTER DELETE ON posts
BEGIN
    UPDATE authors SET post_count = post_count - 1 WHERE id = OLD.author_id;
END;

-- migrate:down
DROP TRIGGER posts_count_delete;
DROP TRIGGER posts_count_insert;
