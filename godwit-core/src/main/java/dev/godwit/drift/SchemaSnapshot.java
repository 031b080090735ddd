package dev.godwit.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A schema as a canonical catalog listing: one line per object, sorted by kind and name, so that two databases
 * with the same objects give the same text and the same fingerprint whatever order they were created in.
 */
public record SchemaSnapshot(List<SchemaObject> objects) {
    public SchemaSnapshot {
        objects = objects.stream().sorted().distinct().toList();
    }

    /** One line per object: {@code kind TAB name TAB definition}, tabs and backslashes escaped. */
    public String canonical() {
        StringBuilder b = new StringBuilder();
        for (SchemaObject o : objects) {
            b.append(escape(o.kind())).append('\t').append(escape(o.name())).append('\t')
                    .append(escape(o.definition())).append('\n');
        }
        return b.toString();
    }

    /** {@code sha256:} and the hex SHA-256 of {@link #canonical()}. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #canonical()} wrote. */
    public static SchemaSnapshot parse(String canonical) {
        List<SchemaObject> objects = new ArrayList<>();
        for (String line : canonical.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            objects.add(new SchemaObject(unescape(parts[0]), unescape(parts[1]),
                    parts.length > 2 ? unescape(parts[2]) : ""));
        }
        return new SchemaSnapshot(objects);
    }

    Map<String, SchemaObject> byKey() {
        Map<String, SchemaObject> map = new TreeMap<>();
        objects.forEach(o -> map.put(o.key(), o));
        return map;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
