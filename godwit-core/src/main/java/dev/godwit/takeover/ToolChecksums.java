package dev.godwit.takeover;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** The checksums other tools record, computed from a migration file's bytes so that an import can verify them. */
final class ToolChecksums {
    private ToolChecksums() {
    }

    /**
     * Flyway's: CRC-32 over the UTF-8 bytes of each line without its line ending (so CRLF and LF files agree), a
     * byte order mark left out of the first line, read as a signed 32-bit number.
     */
    static int flyway(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CRC32 crc = new CRC32();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            crc.update(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        return (int) crc.getValue();
    }

    /** sqlx's: SHA-384 of the file's text as it is. */
    static byte[] sqlx(byte[] file) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is missing from this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
