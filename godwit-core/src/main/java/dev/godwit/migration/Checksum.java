package dev.godwit.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migration text: SHA-256 of the normalised text (BOM dropped, CRLF and CR turned into LF), written
 * with its algorithm as a prefix ({@code sha256:...}) so that the algorithm can change without breaking history.
 */
public final class Checksum {
    public static final String PREFIX = "sha256:";

    private Checksum() {
    }

    public static String of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(normalise(text).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Text as checksummed and stored: no BOM, LF line endings. */
    public static String normalise(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }
}
