package dev.godwit.spring;

import dev.godwit.Godwit;
import dev.godwit.plan.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Godwit's Actuator health indicators report, the same for Spring Boot 3.5 and 4.0: UP with the current
 * version when every migration is applied and none has a problem; DOWN with the reason when one is pending (the
 * schema is behind the application's migrations; a repeatable migration changed since it was applied counts) or has a problem (failed, edited or missing since it was applied).
 *
 * @param up      whether the schema is where the application's migrations put it
 * @param details {@code current}, {@code pending}, {@code problems} and, when DOWN, {@code reason}
 */
public record GodwitHealth(boolean up, Map<String, Object> details) {
    /** Copies the details. */
    public GodwitHealth {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Reads the status of the database.
     *
     * @param godwit the configured Godwit
     * @return the health
     */
    public static GodwitHealth of(Godwit godwit) {
        Status status = godwit.status();
        long pending = status.toApply();
        List<String> problems = status.problems().stream()
                .map(e -> e.version().text() + " " + e.state().label() + " (" + e.script() + ")").toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current", status.current() == null ? "none" : status.current().text());
        details.put("pending", pending);
        details.put("problems", problems);
        if (!problems.isEmpty()) {
            details.put("reason", problems.size() + " migration(s) failed, edited or missing: " + problems.get(0)
                    + (problems.size() > 1 ? ", ..." : "") + "; run 'godwit status'");
        } else if (pending > 0) {
            details.put("reason", pending + " migration(s) pending");
        }
        return new GodwitHealth(problems.isEmpty() && pending == 0, details);
    }
}
