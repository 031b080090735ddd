package dev.godwit.source;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The folder formats by the names users give them ({@code --format NAME}, {@code format = "NAME"}). dbmate's
 * sectioned files and {@code .up.sql} / {@code .down.sql} pairs are Godwit's own formats; {@code golang-migrate}
 * reads the pairs only, with its rule that a blank file is a no-op migration; sqlx,
 * Flyway, goose, Diesel, the prefixed pairs and version ranges have classes of their own. {@code auto} (the default) lets {@link FolderSource} tell the format
 * from the folder.
 */
public final class MigrationFormats {
    public static final String AUTO = "auto";
    /** The names accepted, {@code auto} first. */
    public static final List<String> NAMES = List.of(AUTO, "godwit", "dbmate", "golang-migrate", "sqlx", "flyway",
            "goose", "diesel", "prefixed", "ranges");

    private MigrationFormats() {
    }

    /** The formats a name stands for; {@code null} for {@code auto}. Throws on an unknown name. */
    public static List<MigrationFormat> named(String name, Map<String, String> placeholders) {
        String n = name == null ? AUTO : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case AUTO -> null;
            case "godwit", "dbmate" -> FolderSource.FORMATS;
            case "golang-migrate" -> List.of(UpDownPairFormat.golangMigrate());
            case "sqlx" -> List.of(new SqlxFormat());
            case "flyway" -> List.of(new FlywayFormat(placeholders));
            case "goose" -> List.of(new GooseFormat());
            case "diesel" -> List.of(new DieselFormat());
            case "prefixed" -> List.of(new PrefixedPairFormat());
            case "ranges" -> List.of(new VersionRangeFormat());
            default -> throw new GodwitException(ErrorCode.USAGE, "unknown migration format '" + name + "'",
                    "use one of " + String.join(", ", NAMES));
        };
    }
}
