package dev.godwit.maven;

import dev.godwit.Down;
import dev.godwit.Godwit;
import dev.godwit.RunResult;
import dev.godwit.plan.PlanRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rolls back applied migrations: the newest one by default, {@code -Dgodwit.steps=N}, or down to (not including)
 * {@code -Dgodwit.target=VERSION}.
 */
@Mojo(name = "down", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class DownMojo extends GodwitMojo {
    /** Roll back every migration newer than this version. */
    @Parameter(property = "godwit.target")
    String target;

    /** How many migrations to roll back (default 1). */
    @Parameter(property = "godwit.steps")
    Integer steps;

    /** Only show the plan; change nothing. */
    @Parameter(property = "godwit.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Godwit godwit) throws MojoExecutionException {
        if (target != null && !target.isBlank() && steps != null) {
            throw new MojoExecutionException("godwit: give either target or steps, not both\n"
                    + "hint: -Dgodwit.target=VERSION rolls back to a version, -Dgodwit.steps=N the newest N");
        }
        PlanRequest.Down request = target != null && !target.isBlank() ? Down.to(target.strip())
                : steps != null ? Down.steps(steps) : Down.one();
        Reports.run(getLog(), dryRun ? RunResult.planned(godwit.plan(request), godwit.current().orElse(null))
                : godwit.down(request));
    }
}
