package dev.godwit.maven;

import dev.godwit.Godwit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Shows every migration with its state. Changes nothing. */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class StatusMojo extends GodwitMojo {
    @Override
    void run(Godwit godwit) {
        Reports.status(getLog(), godwit.status());
    }
}
