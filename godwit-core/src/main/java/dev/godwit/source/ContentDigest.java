package dev.godwit.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of texts, each with its length first (so that no two sequences digest alike by moving text
 * from one part to the next): the digests that tell whether what a run read is what an earlier run read.
 */
public final class ContentDigest {
    private ContentDigest() {
    }

    /**
     * A digest begun with {@code parts}.
     *
     * @param parts the first texts
     * @return the digest, to {@link #add} to
     */
    public static MessageDigest start(String... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : parts) {
            add(digest, part);
        }
        return digest;
    }

    /**
     * Adds one text.
     *
     * @param digest the digest
     * @param text   the text ({@code null} counts as a text of its own, unlike any other)
     */
    public static void add(MessageDigest digest, String text) {
        if (text == null) {
            digest.update((byte) 0xff);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    /**
     * The digest as 64 hex digits.
     *
     * @param digest the digest, used up
     * @return lower-case hex
     */
    public static String finish(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
