package dev.godwit.dialect.libsql;

import java.util.Objects;

/**
 * An error the server reported for one statement or request.
 *
 * @param message the server's message, e.g. {@code SQLite error: UNIQUE constraint failed: t.id}
 * @param code    the server's code, e.g. {@code SQLITE_CONSTRAINT}; empty when it gave none. Codes differ between
 *                servers: tursodb reports {@code BATCH_STEP_ERROR} or {@code PREPARE_ERROR} where sqld reports the
 *                SQLite code.
 */
record ServerError(String message, String code) {
    ServerError {
        Objects.requireNonNull(message, "message");
        code = code == null ? "" : code;
    }

    @Override
    public String toString() {
        return code.isEmpty() ? message : message + " (" + code + ")";
    }
}
