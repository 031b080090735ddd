package dev.godwit.dialect;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Another tool's table as read, whole and unchanged (for {@code import}). Values are {@code null}, {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code byte[]}, {@link java.time.Instant} (a time with a zone) or
 * {@link java.time.LocalDateTime} (a time without one, to be read in {@link #localTimeZone}).
 *
 * @param name          the table as messages name it (qualified with its schema where the engine has them)
 * @param columns       its column names, lower case, in order
 * @param rows          each row by lower-case column name
 * @param localTimeZone the zone in which this engine's times without a zone are meant: UTC for SQLite (its
 *                      {@code CURRENT_TIMESTAMP} is UTC), the session's {@code TimeZone} for PostgreSQL
 */
public record TableRows(String name, List<String> columns, List<Map<String, Object>> rows, ZoneId localTimeZone) {
    public TableRows {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(localTimeZone, "localTimeZone");
        columns = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        List<Map<String, Object>> copied = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            row.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
            copied.add(Collections.unmodifiableMap(r));
        }
        rows = Collections.unmodifiableList(copied);
    }

    /** Whether the table has every one of {@code names} (lower case). */
    public boolean hasColumns(List<String> names) {
        return columns.containsAll(names);
    }
}
