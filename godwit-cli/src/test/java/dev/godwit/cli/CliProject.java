package dev.godwit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A migrations folder and a SQLite database path in a temp folder, and ways to run the real CLI on them. */
final class CliProject {
    final Path dir;
    final Path db;
    final Map<String, String> env = new HashMap<>();

    /** An empty migrations folder in {@code tmp} and a database at {@code tmp/data/app.db}, not yet created. */
    CliProject(Path tmp) throws IOException {
        dir = Files.createDirectories(tmp.resolve("migrations"));
        db = tmp.resolve("data/app.db");
    }

    /**
     * The three migrations the engine contracts share (SQLite and remote libSQL run the same scenarios on them):
     * users, posts with an index, and one seed row; each with a down section.
     */
    static void writeUsersPostsSeed(Path dir) {
        write(dir, "1_create_users.sql", """
                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                -- migrate:down
                DROP TABLE users;
                """);
        write(dir, "2_create_posts.sql", """
                -- migrate:up
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id));
                CREATE INDEX posts_user ON posts(user_id);
                -- migrate:down
                DROP INDEX posts_user;
                DROP TABLE posts;
                """);
        write(dir, "3_seed.sql", """
                -- migrate:up
                INSERT INTO users (id, name) VALUES (1, 'ann');
                -- migrate:down
                DELETE FROM users WHERE id = 1;
                """);
    }

    /** A project with three migrations of a small blog: users, posts (referencing users), and seed rows. */
    static CliProject blog(Path tmp) throws IOException {
        CliProject p = new CliProject(tmp);
        p.write("1_create_users.sql", """
                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                -- migrate:down
                DROP TABLE users;
                """);
        p.write("2_create_posts.sql", """
                -- migrate:up
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
                                    title TEXT);
                CREATE INDEX posts_user ON posts(user_id);
                -- migrate:down
                DROP TABLE posts;
                """);
        p.write("3_seed.sql", """
                -- migrate:up
                INSERT INTO users (id, name) VALUES (1, 'ann'), (2, 'bob');
                INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'hello'), (2, 2, 'hi');
                -- migrate:down
                DELETE FROM posts;
                DELETE FROM users;
                """);
        return p;
    }

    void write(String name, String text) {
        write(dir, name, text);
    }

    private static void write(Path dir, String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Cli.Result godwit(String... args) {
        return Cli.run(env, withDb(args));
    }

    /** As if on a terminal, answering with {@code stdin}. */
    Cli.Result interactive(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = GodwitCli.run(withDb(args), env, o, e,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), true);
        }
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The arguments with --url and --dir of this project in front. */
    String[] withDb(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "sqlite:" + db, "--dir", dir.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** The rotating backups next to the database, in no particular order ('restore --list' sorts them). */
    List<Path> backups() {
        try (Stream<Path> files = Files.list(db.getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("app\\.db\\.\\d{8}T\\d{6}Z(-\\d+)?\\.bak"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the database file and of any side files, to prove nothing touched them. */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String suffix : new String[] {"", "-wal", "-journal"}) {
                Path p = db.resolveSibling(db.getFileName() + suffix);
                sha.update((suffix + ":").getBytes(StandardCharsets.UTF_8));
                if (Files.exists(p)) {
                    sha.update(Files.readAllBytes(p));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
