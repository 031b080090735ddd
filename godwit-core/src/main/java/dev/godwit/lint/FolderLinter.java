package dev.godwit.lint;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitConfig;
import dev.godwit.GodwitException;
import dev.godwit.dialect.Dialect;
import dev.godwit.drift.SchemaObject;
import dev.godwit.drift.SchemaStore;
import dev.godwit.migration.PreparedMigration;
import dev.godwit.migration.Section;
import dev.godwit.source.FolderSource;
import dev.godwit.sql.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The I/O around the pure {@link Linter} for {@code godwit lint}: reads the migrations folder as a run would
 * (transaction control kept as findings instead of failing the load), the files' texts for ignore comments, and
 * with {@code live} the database's objects (reading only).
 */
public final class FolderLinter {
    private static final Set<String> LIVE_KINDS = Set.of("index", "view", "trigger");

    private final Dialect dialect;
    private final GodwitConfig config;
    private final SqlSplitter splitter;

    public FolderLinter(Dialect dialect, GodwitConfig config, SqlSplitter splitter) {
        this.dialect = dialect;
        this.config = config;
        this.splitter = splitter;
    }

    public LintReport lint(LintSettings settings, boolean live) {
        List<String> liveDefinitions = live ? liveDefinitions() : List.of();
        List<PreparedMigration> available = FolderSource.inFormat(config.migrations(), config.listener()::warning, config.format(), config.placeholders()).load()
                .prepareKeepingTransactionControl(splitter, config.listener()::warning);
        Map<String, String> texts = new HashMap<>();
        for (PreparedMigration m : available) {
            for (Section s : new Section[] {m.up(), m.down()}) {
                if (s != null) {
                    texts.computeIfAbsent(s.file(), f -> readQuietly(config.migrations().resolve(f)));
                }
            }
        }
        return new Linter(dialect.name(), settings).lint(available, texts, liveDefinitions);
    }

    /** The live schema's indexes, views and triggers as CREATE statements. */
    private List<String> liveDefinitions() {
        SchemaStore store = dialect.schemaStore(config).orElseThrow(() -> new GodwitException(
                ErrorCode.CONFIGURATION, "linting against the live schema is not supported for " + dialect.name()
                + " yet", "lint without it: the rules then know what the migrations in the folder create"));
        try (store) {
            List<String> sql = new ArrayList<>();
            for (SchemaObject o : store.read().objects()) {
                if (!LIVE_KINDS.contains(o.kind())) {
                    continue;
                }
                if (o.definition().regionMatches(true, 0, "CREATE ", 0, 7)) {
                    sql.add(o.definition());
                } else if (o.kind().equals("view")) {
                    sql.add("CREATE VIEW " + o.name() + " AS " + o.definition());
                }
            }
            return sql;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return ""; // read a moment ago by the source; without it, only its ignore comments are lost
        }
    }
}
