package dev.godwit.spring;

import dev.godwit.Godwit;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Actuator's {@code godwit} health component on Spring Boot 3.5 (see {@link GodwitHealth} for what it says). */
public class GodwitHealthIndicator extends AbstractHealthIndicator {
    private final Godwit godwit;

    /** @param godwit the configured Godwit */
    public GodwitHealthIndicator(Godwit godwit) {
        super("godwit health check failed");
        this.godwit = Objects.requireNonNull(godwit, "godwit");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        GodwitHealth health = GodwitHealth.of(godwit);
        (health.up() ? builder.up() : builder.down()).withDetails(health.details());
    }
}
