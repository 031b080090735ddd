package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Adopts an existing database without history: records {@code baselineVersion} as applied. */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class BaselineMojo extends GodwitMojo {
    /** The version the database is at; every migration up to it counts as applied. */
    @Parameter(property = "godwit.baselineVersion")
    String baselineVersion;

    /** Shown in status (default "baseline"). */
    @Parameter(property = "godwit.baselineDescription")
    String baselineDescription;

    @Override
    void run(Godwit godwit) throws MojoExecutionException {
        if (baselineVersion == null || baselineVersion.isBlank()) {
            throw new MojoExecutionException("godwit: baseline needs a version\n"
                    + "hint: set <baselineVersion>3</baselineVersion> or -Dgodwit.baselineVersion=3");
        }
        AppliedMigration row = godwit.baseline(Version.parse(baselineVersion.strip()), baselineDescription);
        getLog().info("godwit: baselined at " + row.version());
    }
}
