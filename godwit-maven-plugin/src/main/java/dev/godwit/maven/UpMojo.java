package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.RunResult;
import dev.godwit.Up;
import dev.godwit.plan.PlanRequest;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Applies pending migrations ({@code mvn godwit:up}, {@code -Dgodwit.target=VERSION}, {@code -Dgodwit.dryRun}). */
@Mojo(name = "up", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public class UpMojo extends GodwitMojo {
    /** Stop after this version; default: every pending migration. */
    @Parameter(property = "godwit.target")
    String target;

    /** Only show the plan; change nothing. */
    @Parameter(property = "godwit.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Godwit godwit) {
        PlanRequest.Up request = target == null || target.isBlank() ? Up.all() : Up.to(target.strip());
        RunResult result = dryRun ? RunResult.planned(godwit.plan(request), godwit.current().orElse(null))
                : godwit.up(request);
        Reports.run(getLog(), result);
    }
}
