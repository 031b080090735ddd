package dev.godwit.example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring Boot executable jar, run with {@code java -jar} as in production: {@code classpath:db/migration} is
 * read from BOOT-INF/classes and from a library jar nested in BOOT-INF/lib, through Spring Boot's nested-jar class
 * loader.
 */
class FatJarIT {
    @TempDir
    Path tmp;

    private static Path fatJar() {
        Path jar = Path.of(System.getProperty("fatJar", "target/godwit-example-boot-app-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the repackaged jar (mvn package builds it)").isRegularFile();
        return jar;
    }

    private record Run(int exit, String output) {
    }

    private Run run(Path db) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", fatJar().toString(),
                "--spring.datasource.url=jdbc:sqlite:" + db).redirectErrorStream(true).directory(tmp.toFile())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theMigrationsJarIsNestedInBootInfLib() throws IOException {
        try (JarFile jar = new JarFile(fatJar().toFile())) {
            ZipEntry nested = jar.stream().filter(e -> e.getName().matches(
                    "BOOT-INF/lib/godwit-example-boot-migrations-.*\\.jar")).findFirst().orElseThrow();
            assertThat(jar.getEntry("BOOT-INF/classes/db/migration/2_posts.sql")).isNotNull();
            assertThat(jar.getEntry("db/migration/1_users.sql")).isNull();
            List<String> inside = new ArrayList<>();
            try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    inside.add(e.getName());
                }
            }
            assertThat(inside).contains("db/migration/1_users.sql");
        }
    }

    @Test
    void javaDashJarMigratesFromTheNestedJarAndTheApplicationsClasses() throws Exception {
        Path db = tmp.resolve("app.db");

        Run first = run(db);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("users: [ada]");
        assertThat(query(db, "SELECT version || ' ' || script || ' ' || kind || ' ' || success FROM godwit_history "
                + "ORDER BY CAST(version AS INTEGER)")).containsExactly("1 1_users.sql sql 1", "2 2_posts.sql sql 1");
        assertThat(query(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'posts') "
                + "ORDER BY name")).containsExactly("posts", "users");
        assertThat(query(db, "SELECT \"table\" || '.' || \"from\" FROM pragma_foreign_key_list('posts')"))
                .containsExactly("users.user_id");

        Run second = run(db);

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(query(db, "SELECT count(*) FROM godwit_history")).containsExactly("2");
    }

    private static List<String> query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
