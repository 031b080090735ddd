package dev.godwit.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The floor any JVM tool stands on: a JVM that opens the database through JDBC and runs the same statements with
 * no tracking at all. {@code JdbcFloor apply JDBC_URL FILE one-tx|tx-per-file} runs a file whose migrations are
 * separated by lines {@code -- next} (a SQLite file in WAL mode, as Godwit creates it); {@code JdbcFloor read JDBC_URL
 * TABLE} reads every row of a table.
 */
public final class JdbcFloor {
    private JdbcFloor() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[1]); Statement s = c.createStatement()) {
            if (args[0].equals("read")) {
                int rows = 0;
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + args[2])) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                System.out.println(rows + " rows");
                return;
            }
            boolean perFile = args[3].equals("tx-per-file");
            if (args[1].startsWith("jdbc:sqlite:")) {
                // the journal Godwit gives a file it creates (WAL; synchronous stays SQLite's default, as in
                // Godwit), so that the floor commits the way Godwit does
                s.execute("PRAGMA journal_mode = WAL");
            }
            c.setAutoCommit(false);
            for (String migration : Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).split("\n-- next\n")) {
                for (String statement : migration.split(";\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                if (perFile) {
                    c.commit();
                }
            }
            c.commit();
        }
    }
}
