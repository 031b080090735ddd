package dev.godwit.maven;

import dev.godwit.Godwit;
import dev.godwit.source.MigrationFiles;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes a new, empty migration file in the migrations folder: {@code mvn godwit:new -Dgodwit.name=add_users}. Needs
 * no database.
 */
@Mojo(name = "new", threadSafe = true)
public class NewMojo extends GodwitMojo {
    /** The migration's name, e.g. {@code add_users}. */
    @Parameter(property = "godwit.name")
    String name;

    @Override
    void run(ClassLoader loader) throws MojoExecutionException {
        if (name == null || name.isBlank()) {
            throw new MojoExecutionException("godwit: new needs a name\nhint: mvn godwit:new -Dgodwit.name=add_users");
        }
        Path file = MigrationFiles.create(migrationsFolder(), name.strip(), Clock.systemUTC());
        getLog().info("godwit: created " + file);
    }

    @Override
    void run(Godwit godwit) {
        throw new IllegalStateException("new needs no database");
    }
}
