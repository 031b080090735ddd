package dev.godwit.spring.boot4;

import dev.godwit.Godwit;
import dev.godwit.spring.GodwitHealth;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator's {@code godwit} health component on Spring Boot 4, whose health API lives in the spring-boot-health
 * module (see {@link GodwitHealth} for what it says).
 */
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
