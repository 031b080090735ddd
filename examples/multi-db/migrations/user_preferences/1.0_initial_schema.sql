-- migrate:up
CREATE TABLE user_settings (
    setting_key TEXT PRIMARY KEY,
    setting_value TEXT NOT NULL,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE tracking_settings (
    feature_name TEXT PRIMARY KEY,
    enabled BOOLEAN DEFAULT 0
);

-- migrate:down
DROP TABLE tracking_settings;
DROP TABLE user_settings;
