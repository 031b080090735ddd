package dev.godwit.spring;

import dev.godwit.Godwit;
import dev.godwit.plan.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds {@code godwit} to Actuator's info endpoint: the current version and how many migrations are pending. */
public class GodwitInfoContributor implements InfoContributor {
    private final Godwit godwit;

    /** @param godwit the configured Godwit */
    public GodwitInfoContributor(Godwit godwit) {
        this.godwit = godwit;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Status status = godwit.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current", status.current() == null ? null : status.current().text());
        details.put("pending", status.toApply());
        details.put("problems", status.problems().size());
        builder.withDetail("godwit", details);
    }
}
