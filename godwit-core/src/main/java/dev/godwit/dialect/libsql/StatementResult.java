package dev.godwit.dialect.libsql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one statement returned.
 *
 * <p>Row values are {@code null}, {@link Long}, {@link Double}, {@link String} or {@code byte[]}. tursodb 0.7
 * always reports an affected row count of 0 and no last insert rowid, so callers must not rely on either.
 *
 * @param columns          column names, in order
 * @param rows             the rows; each row as long as {@code columns}
 * @param affectedRowCount rows changed by an INSERT, UPDATE or DELETE, as the server reports it
 * @param lastInsertRowid  the rowid of the last insert, or {@code null} when the server gives none
 */
record StatementResult(List<String> columns, List<List<Object>> rows, long affectedRowCount, Long lastInsertRowid) {
    StatementResult {
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copied);
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    Object singleValue() {
        return rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
    }
}
