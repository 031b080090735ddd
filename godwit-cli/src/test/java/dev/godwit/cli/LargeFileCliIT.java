package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration file larger than the JVM's whole heap is read as a stream: its statements are cut and run as they are
 * read, its checksum is the one the file read whole has, and a problem found late in it rolls the migration back.
 */
class LargeFileCliIT {
    /** The CLI's heap: a file several times this size cannot be held as a string. */
    private static final String HEAP = "-Xmx16m";
    private static final long FILE_BYTES = 48L << 20;

    @TempDir
    Path tmp;

    @Test
    void aFileThreeTimesTheHeapAppliesWithTheChecksumOfTheWholeFileAndRollsBack() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        int rows = writeBigMigration(dir.resolve("1_big.sql"), null);
        Path db = tmp.resolve("app.db");

        Cli.Result up = run(List.of(HEAP), "--url", "sqlite:" + db, "--dir", dir.toString(), "up");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM big")).containsExactly(String.valueOf(rows));

        // read whole (no streaming below 1 GB), the file has the checksum recorded from the stream
        Cli.Result status = run(List.of("-Dgodwit.largeFileBytes=1000000000"), "--url", "sqlite:" + db, "--dir",
                dir.toString(), "validate");
        assertThat(status.exit()).as(status.toString()).isZero();

        Cli.Result down = run(List.of(HEAP), "--url", "sqlite:" + db, "--dir", dir.toString(), "down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_history")).containsExactly("0");
    }

    @Test
    void aProblemNearTheEndOfALargeFileRollsItBackWhole() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        writeBigMigration(dir.resolve("1_big.sql"), "INSERT INTO big (id, v) VALUES (-1, 'never closed);\n");
        Path db = tmp.resolve("app.db");

        Cli.Result up = run(List.of(HEAP), "--url", "sqlite:" + db, "--dir", dir.toString(), "up");
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("1_big.sql:").contains("unterminated")
                .contains("its transaction was rolled back, nothing of it remains");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'big'")).containsExactly("0");
        assertThat(SqliteDb.query(db, "SELECT count(*) FROM godwit_history")).containsExactly("0");
    }

    /** Writes an up section of INSERTs of about {@link #FILE_BYTES}, then {@code last}, then a down section. */
    private static int writeBigMigration(Path file, String last) throws IOException {
        Random random = new Random(15);
        int rows = 0;
        long bytes = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("-- migrate:up\nCREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);\n");
            while (bytes < FILE_BYTES) {
                rows++;
                String line = "INSERT INTO big (id, v) VALUES (" + rows + ", 'row; " + "x".repeat(random.nextInt(60))
                        + "');\n";
                w.write(line);
                bytes += line.length();
            }
            if (last != null) {
                w.write(last);
            }
            w.write("-- migrate:down\nDROP TABLE big;\n");
        }
        return rows;
    }

    private Cli.Result run(List<String> jvm, String... args) throws Exception {
        Process p = GodwitProcess.builder(tmp, jvm, List.of(args)).start();
        p.getOutputStream().close();
        var out = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        reader.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Cli.Result(exit, out.get(), err);
    }
}
