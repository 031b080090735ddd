package dev.godwit;

import java.util.List;
import java.util.Objects;

/**
 * A scalar SQL function the application provides to its SQLite migrations, registered on every SQLite connection
 * Godwit opens (see {@link GodwitConfig.Builder#sqliteFunction}). Arguments arrive as SQLite hands them over:
 * {@code Long}, {@code Double}, {@code String}, {@code byte[]} or {@code null}; the result may be any of those (an
 * {@code Integer} or {@code Boolean} is stored as an integer). A thrown exception fails the statement with its
 * message. The same instance may be called from several connections, one call at a time per connection.
 *
 * <pre>{@code
 * GodwitConfig.builder().url("sqlite:app.db")
 *     .sqliteFunction("slugify", 1, args -> args.get(0) == null ? null : args.get(0).toString().toLowerCase())
 * }</pre>
 */
@FunctionalInterface
public interface SqliteFunction {
    /**
     * The function's result for one call.
     *
     * @param arguments the call's arguments, in order
     * @return the result: {@code null}, a number, a string or a {@code byte[]}
     * @throws Exception to fail the statement that called the function
     */
    Object call(List<Object> arguments) throws Exception;

    /**
     * A function with the name SQL calls it by and its number of arguments ({@code -1}: any number).
     *
     * @param name      the SQL name, e.g. {@code slugify}
     * @param arguments how many arguments it takes, or {@code -1} for any number
     * @param function  the code
     */
    record Named(String name, int arguments, SqliteFunction function) {
        /**
         * Validates the name (a SQL identifier) and the number of arguments (-1 to 127).
         *
         * @param name      the SQL name
         * @param arguments how many arguments, or {@code -1}
         * @param function  the code
         */
        public Named {
            Objects.requireNonNull(function, "function");
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite function name '" + name
                        + "' is not a plain identifier", "name it with letters, digits and underscores");
            }
            if (arguments < -1 || arguments > 127) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "SQLite function " + name + ": " + arguments
                        + " arguments", "give 0 to 127 arguments, or -1 for any number");
            }
        }
    }
}
