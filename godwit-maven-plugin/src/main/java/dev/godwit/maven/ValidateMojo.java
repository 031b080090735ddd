package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.plan.Status;
import dev.godwit.plan.StatusEntry;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Fails the build when history and migrations disagree (edited, missing or failed migrations). */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class ValidateMojo extends GodwitMojo {
    @Override
    void run(Godwit godwit) throws MojoFailureException {
        Status status = godwit.validate();
        if (status.problems().isEmpty()) {
            getLog().info("godwit: valid: history matches the migrations");
            return;
        }
        StringBuilder text = new StringBuilder("godwit: validation failed:");
        for (StatusEntry e : status.problems()) {
            text.append("\n  ").append(Reports.line(e));
        }
        text.append("\nhint: restore the edited or missing migrations, or run mvn godwit:repair to accept them");
        throw new MojoFailureException(text.toString());
    }
}
