package dev.godwit.dialect.libsql;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;

/** A statement the server refused; carries the server's message and code so callers can tell them apart. */
class HranaServerException extends GodwitException {
    private static final long serialVersionUID = 1L;

    private final transient ServerError error;

    HranaServerException(ErrorCode code, String message, String hint, ServerError error) {
        super(code, message, hint);
        this.error = error;
    }

    ServerError error() {
        return error;
    }
}
