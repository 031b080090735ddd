package dev.godwit.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway as a separate JVM, the way its command line runs it, for the comparison:
 * {@code FlywayMain version|info|migrate JDBC_URL DIR [USER PASSWORD]}.
 */
public final class FlywayMain {
    private FlywayMain() {
    }

    public static void main(String[] args) {
        if (args[0].equals("version")) {
            System.out.println("Flyway " + Flyway.class.getPackage().getImplementationVersion());
            return;
        }
        FluentConfiguration config = Flyway.configure()
                .dataSource(args[1], args.length > 3 ? args[3] : null, args.length > 4 ? args[4] : null)
                .locations("filesystem:" + args[2])
                .placeholderReplacement(false);
        Flyway flyway = config.load();
        switch (args[0]) {
            case "info" -> System.out.println(flyway.info().applied().length + " applied, "
                    + flyway.info().pending().length + " pending");
            case "migrate" -> System.out.println(flyway.migrate().migrationsExecuted + " applied");
            default -> throw new IllegalArgumentException("version, info or migrate: " + args[0]);
        }
    }
}
