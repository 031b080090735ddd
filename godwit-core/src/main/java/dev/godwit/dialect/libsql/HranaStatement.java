package dev.godwit.dialect.libsql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with positional arguments ({@code ?}) for Hrana.
 *
 * <p>Arguments are {@code null}, {@link Long} or {@link Integer} (sent as Hrana integers), {@link Double} (float),
 * {@link String} (text), {@code byte[]} (blob) or {@link Boolean} (integer 1 or 0). Named arguments are not
 * supported: tursodb does not implement them.
 *
 * @param sql  exactly one statement: servers reject (sqld) or silently truncate (tursodb) several
 * @param args the positional arguments; may contain nulls
 */
record HranaStatement(String sql, List<Object> args) {
    HranaStatement {
        Objects.requireNonNull(sql, "sql");
        args = Collections.unmodifiableList(new ArrayList<>(args));
        for (Object arg : args) {
            HranaJson.checkArgument(arg);
        }
    }

    static HranaStatement of(String sql, Object... args) {
        return new HranaStatement(sql, Arrays.asList(args));
    }

    /** The first line of the statement, shortened, for messages. */
    String excerpt() {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    @Override
    public String toString() {
        return excerpt() + (args.isEmpty() ? "" : " [" + args.size() + " args]");
    }
}
