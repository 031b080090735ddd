package dev.godwit.maven;

import dev.godwit.RunResult;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/** How the goals show results in the build log: one line per migration. */
final class Reports {
    private Reports() {
    }

    static void run(Log log, RunResult result) {
        String verb = result.dryRun() ? "would " : "";
        String direction = result.direction().toString().toLowerCase(Locale.ROOT);
        for (RunResult.StepResult step : result.steps()) {
            log.info("godwit: " + verb + direction + " " + step.version() + " " + step.description()
                    + (result.dryRun() ? "" : " (" + step.executionMs() + " ms)"));
        }
        log.info("godwit: " + (result.dryRun() ? "dry run, " : "") + result.changedCount() + " migration(s) "
                + (result.dryRun() ? "planned" : "done") + "; current version: "
                + (result.current() == null ? "none" : result.current()));
    }

    static void status(Log log, Status status) {
        for (StatusEntry e : status.entries()) {
            log.info("godwit: " + line(e));
        }
        log.info("godwit: current version: " + (status.current() == null ? "none" : status.current()));
    }

    static String line(StatusEntry e) {
        String kind = e.script() != null && e.script().startsWith("java:") ? " (java)" : "";
        return String.format(Locale.ROOT, "%-12s %s %s%s", e.state().toString().toLowerCase(Locale.ROOT), e.version(),
                e.description(), kind);
    }
}
