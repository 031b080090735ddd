package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's callbacks around a run and each migration, with the migration connection. */
class GodwitCallbackIT {
    @TempDir
    Path dir;

    private GodwitConfig.Builder config() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve("1_users.sql"), "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        Files.writeString(dir.resolve("db").resolve("2_posts.sql"), "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        return GodwitConfig.builder().url("sqlite:" + dir.resolve("app.db")).migrations(dir.resolve("db"))
                .backups(Backups.OFF);
    }

    @Test
    void callsBeforeAndAfterTheRunAndEachMigrationWithTheConnection() throws IOException {
        List<String> calls = new ArrayList<>();
        Godwit godwit = Godwit.create(config().callback((moment, context) -> {
            calls.add(moment + (context.step() == null ? "" : " " + context.step().version()));
            if (moment == GodwitCallback.Moment.AFTER_RUN) {
                try (Statement s = context.connection().createStatement()) {
                    s.execute("CREATE TABLE audit AS SELECT count(*) AS n FROM godwit_history");
                }
            }
        }).build());

        godwit.up();

        assertThat(calls).containsExactly("BEFORE_RUN", "BEFORE_EACH 1", "AFTER_EACH 1", "BEFORE_EACH 2",
                "AFTER_EACH 2", "AFTER_RUN");
        assertThat(godwit.up().steps()).isEmpty();
        assertThat(calls).hasSize(6);
    }

    @Test
    void aFailingCallbackStopsTheRunSayingWhatWasApplied() throws IOException {
        Godwit godwit = Godwit.create(config().callback((moment, context) -> {
            if (moment == GodwitCallback.Moment.BEFORE_EACH && context.step().version().text().equals("2")) {
                throw new IllegalStateException("audit table is full");
            }
        }).build());

        assertThatThrownBy(godwit::up).isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.getMessage())
                .contains("audit table is full").contains("applied before it: 1"));
        assertThat(godwit.history()).hasSize(1);
    }
}
