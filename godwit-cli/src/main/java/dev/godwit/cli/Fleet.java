package dev.godwit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.ErrorCode;
import dev.godwit.Godwit;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code --each}: the same command on every database of a fleet, {@code --jobs} at once. Each database succeeds or
 * fails on its own (its own connection, lock and transactions; a failure is recorded, never stops the others).
 * Progress goes to stderr: a progress bar on a terminal, else a line every few seconds; then a summary (databases
 * per version, every failure with its message) or, with {@code --json}, one report document. Exit 1 if any failed.
 */
final class Fleet {
    /** Seconds between progress lines when there is no terminal. */
    static final int PROGRESS_SECONDS = 5;

    /** One database of the fleet: its name (as matched or listed, the shard key), URL, and schema (or null). */
    record Member(String name, String url, String schema) {
        Member(String name, String url) {
            this(name, url, null);
        }
    }

    /** What happened on one database. */
    record Outcome(Member member, boolean ok, String current, long applied, long pending, GodwitException error) {
    }

    private Fleet() {
    }

    /** The databases {@code --each} names, sorted by name, limited to the shard. */
    static List<Member> members(GodwitCli root, FleetOptions options) {
        if (options.each != null && root.global.url != null || root.global.databases != null) {
            throw new GodwitException(ErrorCode.USAGE, (root.global.url != null ? "--url" : "--db")
                    + " with --each: each database of the fleet comes from --each", "drop " + (root.global.url != null
                    ? "--url" : "--db"));
        }
        if (options.each != null && options.eachSchema != null) {
            throw new GodwitException(ErrorCode.USAGE, "give one of --each and --each-schema",
                    "--each for files or a list of URLs, --each-schema for the schemas of one PostgreSQL database");
        }
        List<Member> all = options.eachSchema != null ? schemas(root, options.eachSchema)
                : options.each.startsWith("@") ? listed(root, options.each.substring(1)) : matched(root, options.each);
        Shard shard = options.shard == null ? null : Shard.parse(options.shard, root.env);
        return all.stream().filter(m -> shard == null || shard.owns(m.name()))
                .sorted(Comparator.comparing(Member::name)).toList();
    }

    private static List<Member> matched(GodwitCli root, String glob) {
        Path pattern = Path.of(glob);
        Path base = pattern.isAbsolute() ? pattern.getRoot() : root.cwd;
        int firstWild = 0;
        for (Path part : pattern) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            firstWild++;
        }
        Path fixed = firstWild == 0 ? base : base.resolve(pattern.subpath(0, firstWild));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (pattern.isAbsolute() ? glob
                : root.cwd.resolve(glob).toString()));
        List<Member> out = new ArrayList<>();
        if (Files.isDirectory(fixed)) {
            try (Stream<Path> files = Files.walk(fixed, glob.contains("**") ? Integer.MAX_VALUE
                    : Math.max(1, pattern.getNameCount() - firstWild))) {
                files.filter(Files::isRegularFile).filter(matcher::matches).forEach(p -> out.add(
                        new Member(pattern.isAbsolute() ? p.toString() : root.cwd.relativize(p).toString(),
                                "sqlite:" + p)));
            } catch (IOException e) {
                throw new GodwitException(ErrorCode.CONFIGURATION, "--each " + glob + ": cannot list " + fixed + ": "
                        + e.getMessage(), "check the folder's permissions");
            }
        }
        if (out.isEmpty()) {
            throw new GodwitException(ErrorCode.USAGE, "--each " + glob + ": no file matches (in " + fixed + ")",
                    "check the pattern; quote it so that the shell does not expand it: --each 'tenants/*.db'");
        }
        return out;
    }

    private static List<Member> schemas(GodwitCli root, String like) {
        GodwitConfig config = root.config(new CliListener(root.err, true, false));
        String url = root.settings().string(SettingKey.URL);
        List<Member> out = dev.godwit.dialect.postgres.PostgresSchemas.matching(config, like).stream()
                .map(s -> new Member(s, url, s)).toList();
        if (out.isEmpty()) {
            throw new GodwitException(ErrorCode.USAGE, "--each-schema " + like + ": no schema of "
                    + config.url().redacted() + " matches", "check the pattern (LIKE: % any text, _ one character)");
        }
        return out;
    }

    private static List<Member> listed(GodwitCli root, String file) {
        Path list = root.cwd.resolve(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.USAGE, "--each @" + file + ": cannot read " + list + ": "
                    + e.getMessage(), "give a file with one database URL or path a line");
        }
        List<Member> out = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String url = Expansion.url(l, root.settings().home(), list.getParent());
            out.add(new Member(dev.godwit.DatabaseUrl.redact(l), url));
        }
        if (out.isEmpty()) {
            throw new GodwitException(ErrorCode.USAGE, "--each @" + file + ": the list is empty",
                    "write one database URL or path a line");
        }
        return out;
    }

    /** Runs {@code action} on every member, {@code jobs} at once, with progress on stderr. */
    static List<Outcome> run(GodwitCli root, List<Member> members, Integer jobs,
                             Function<GodwitConfig.Builder, GodwitConfig.Builder> configure,
                             Function<Godwit, Outcome> action) {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new GodwitException(ErrorCode.USAGE, "--jobs must be 1 or more, not " + n, "e.g. --jobs 4");
        }
        root.settings(); // bad configuration stops the run before any database is opened
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ProgressBar bar = root.interactive() && !root.global.quiet ? new ProgressBarBuilder().setTaskName("fleet")
                .setInitialMax(members.size()).setStyle(ProgressBarStyle.ASCII).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(root.err)).build() : null;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godwit-fleet-progress");
            t.setDaemon(true);
            return t;
        });
        if (bar == null && !root.global.quiet) {
            ticker.scheduleAtFixedRate(() -> root.err.println(progress(done.get(), failed.get(), members.size(),
                    start)), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, members.size()));
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (Member m : members) {
                futures.add(pool.submit(() -> {
                    Outcome o = one(root, m, configure, action);
                    done.incrementAndGet();
                    if (!o.ok()) {
                        failed.incrementAndGet();
                    }
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(failed.get() + " failed");
                    }
                    return o;
                }));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    out.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GodwitException(ErrorCode.STOPPED, "the fleet run was interrupted", "run it again");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            ticker.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static Outcome one(GodwitCli root, Member m, Function<GodwitConfig.Builder, GodwitConfig.Builder> configure,
                               Function<Godwit, Outcome> action) {
        try {
            GodwitConfig.Builder builder = root.configBuilder(new CliListener(root.err, true, false)).url(m.url());
            if (m.schema() != null) {
                builder.schema(m.schema());
            }
            GodwitConfig config = configure.apply(builder).build();
            Outcome o = action.apply(Godwit.create(config));
            return new Outcome(m, o.ok(), o.current(), o.applied(), o.pending(), o.error());
        } catch (GodwitException e) {
            return new Outcome(m, false, null, 0, 0, e);
        } catch (RuntimeException e) {
            return new Outcome(m, false, null, 0, 0, new GodwitException(ErrorCode.DATABASE,
                    "unexpected error: " + e, "run this database alone with -v to see more"));
        }
    }

    static String progress(int done, int failed, int total, long startNanos) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = rate > 0 ? Math.round((total - done) / rate) + " s" : "?";
        return String.format(java.util.Locale.ROOT, "fleet: %d/%d done, %d failed, %d remaining, %.1f db/s, ETA %s",
                done, total, failed, total - done, rate, eta);
    }

    /** The summary (text on stdout) or the report (one JSON document); returns the exit code: 1 if any failed. */
    static int report(GodwitCli root, String what, List<Outcome> outcomes, long elapsedMs) {
        Map<String, Integer> versions = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        List<Outcome> failures = new ArrayList<>();
        long behind = 0;
        for (Outcome o : outcomes) {
            if (o.ok()) {
                versions.merge(o.current() == null ? "none" : o.current(), 1, Integer::sum);
                behind += o.pending() > 0 ? 1 : 0;
            } else {
                failures.add(o);
            }
        }
        if (root.global.json) {
            ObjectNode doc = Json.object();
            doc.put("command", what);
            doc.put("databases", outcomes.size());
            doc.put("ok", outcomes.size() - failures.size());
            doc.put("failed", failures.size());
            doc.put("behind", behind);
            doc.put("elapsed_ms", elapsedMs);
            ObjectNode v = doc.putObject("versions");
            versions.forEach(v::put);
            ArrayNode f = doc.putArray("failures");
            for (Outcome o : failures) {
                ObjectNode one = f.addObject();
                one.put("name", o.member().name());
                one.put("locked", o.error().code() == ErrorCode.LOCKED);
                one.set("error", Json.error(o.error()));
            }
            ArrayNode all = doc.putArray("results");
            for (Outcome o : outcomes) {
                ObjectNode one = all.addObject();
                one.put("name", o.member().name());
                one.put("outcome", o.ok() ? "ok" : "failed");
                one.put("current", o.current());
                one.put("applied", o.applied());
                one.put("pending", o.pending());
            }
            Json.print(root.out, doc);
        } else {
            root.out.println("fleet " + what + ": " + outcomes.size() + " database(s), " + (outcomes.size()
                    - failures.size()) + " ok, " + failures.size() + " failed" + (behind > 0 ? ", " + behind
                    + " behind (pending migrations)" : "") + " in " + elapsedMs + " ms");
            versions.forEach((version, count) -> root.out.println("  version " + version + ": " + count));
            if (!failures.isEmpty()) {
                root.out.println("failed:");
                for (Outcome o : failures) {
                    root.out.println("  " + o.member().name() + (o.error().code() == ErrorCode.LOCKED ? " (locked)" : "")
                            + ": " + o.error().getMessage().replace("\n", "\n    "));
                }
            }
        }
        return failures.isEmpty() ? 0 : 1;
    }
}
