package dev.godwit.bench;

/** The small migration every harness applies: a table, a row and an index. */
final class Workload {
    private Workload() {
    }

    static String up(int i) {
        return "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, v TEXT NOT NULL);\n"
                + "INSERT INTO t" + i + " (id, v) VALUES (1, 'row; " + i + "');\n"
                + "CREATE INDEX t" + i + "_v ON t" + i + " (v);";
    }

    static String down(int i) {
        return "DROP TABLE t" + i + ";";
    }
}
