package dev.godwit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.dialect.Capabilities;
import dev.godwit.plan.Plan;
import dev.godwit.plan.PlanRequest;
import dev.godwit.plan.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade on a real SQLite file: plan, then apply exactly the plan that was confirmed. */
class GodwitPlanApplyIT {
    @TempDir
    Path dir;

    private Godwit godwit() {
        return Godwit.create(GodwitConfig.builder().url("sqlite:" + dir.resolve("app.db"))
                .migrations(dir.resolve("db")).backups(Backups.OFF).build());
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db").resolve(name), text);
    }

    @Test
    void appliesThePlanThatWasConfirmed() throws IOException {
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        Godwit godwit = godwit();

        Plan plan = godwit.plan(PlanRequest.Up.all());
        RunResult run = godwit.apply(plan);

        assertThat(run.steps()).hasSize(1);
        assertThat(godwit.history()).hasSize(1);
    }

    @Test
    void refusesAConfirmedPlanWhenTheFilesChangedSinceAndChangesNothing() throws IOException {
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        Godwit godwit = godwit();
        Plan plan = godwit.plan(PlanRequest.Up.all());
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");

        assertThatThrownBy(() -> godwit.apply(plan)).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED));
        assertThat(godwit.history()).isEmpty();
    }

    @Test
    void refusesAConfirmedPlanWhenAnotherRunnerAppliedPartOfIt() throws IOException {
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        Godwit godwit = godwit();
        Plan plan = godwit.plan(PlanRequest.Up.all());
        godwit.up(new PlanRequest.Up(1, null, false, false), false);

        assertThatThrownBy(() -> godwit.apply(plan)).isInstanceOfSatisfying(GodwitException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_REFUSED));
        assertThat(godwit.history()).hasSize(1);
    }

    @Test
    void aRefusedPlanKeepsEachProblemAsAValueAndNamesActionsNotFlags() throws IOException {
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        write("3_tags.sql", "-- migrate:up\nCREATE TABLE tags (id INTEGER);\n");
        Godwit godwit = godwit();
        godwit.up(PlanRequest.Up.all(), false);
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");

        assertThatThrownBy(() -> godwit.plan(PlanRequest.Up.all())).isInstanceOfSatisfying(
                PlanRefusedException.class, e -> {
                    assertThat(e.planProblems()).extracting(Problem::kind).containsExactly(Problem.Kind.OUT_OF_ORDER);
                    assertThat(e.problems()).singleElement().asString().startsWith("2_posts.sql: pending");
                    assertThat(e.hint()).contains(Actions.ALLOW_OUT_OF_ORDER).doesNotContain("--");
                });
    }

    @Test
    void allFileProblemsComeAsOneErrorWithEachProblemKept() throws IOException {
        write("notes.sql", "SELECT 1;\n");
        write("2_quote.sql", "-- migrate:up\nSELECT 'open;\n");

        assertThatThrownBy(() -> godwit().plan(PlanRequest.Up.all())).isInstanceOfSatisfying(
                GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILE);
                    assertThat(e.problems()).hasSize(2);
                });
        assertThat(Files.exists(dir.resolve("app.db"))).isFalse();
    }

    @Test
    void anApplicationCountsTheRunsTypedEvents() throws IOException {
        write("1_users.sql", "-- migrate:up\nCREATE TABLE users (id INTEGER);\n");
        write("2_posts.sql", "-- migrate:up\nCREATE TABLE posts (id INTEGER);\n");
        Files.writeString(dir.resolve("app.db"), "");
        java.util.List<GodwitEvent> events = new java.util.ArrayList<>();
        Godwit godwit = Godwit.create(GodwitConfig.builder().url("sqlite:" + dir.resolve("app.db"))
                .migrations(dir.resolve("db")).listener(new GodwitListener() {
                    @Override
                    public void on(GodwitEvent event) {
                        events.add(event);
                    }
                }).build());

        godwit.up(PlanRequest.Up.all(), false);

        assertThat(events).filteredOn(GodwitEvent.RunStarted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((GodwitEvent.RunStarted) e).steps()).hasSize(2));
        assertThat(events).filteredOn(GodwitEvent.MigrationStarted.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(GodwitEvent.MigrationApplied.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(GodwitEvent.StatementStarted.class::isInstance).hasSize(2);
    }

    @Test
    void aSqliteTargetOffersBackupsRehearsalAndALeaseLock() {
        Capabilities c = godwit().capabilities();

        assertThat(c.backups()).isTrue();
        assertThat(c.rehearsal()).isTrue();
        assertThat(c.lock()).isEqualTo(Capabilities.LockKind.LEASE_ROW);
        assertThat(godwit().backups().list()).isEmpty();
    }
}
