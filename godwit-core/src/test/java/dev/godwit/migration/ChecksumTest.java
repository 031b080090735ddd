package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exactly what the checksum of an up section ignores, and what it does not. */
class ChecksumTest {
    private static final String SQL = "CREATE TABLE t (\n  id INTEGER\n);\n\nSELECT 1; -- one\n";

    @Test
    void isSha256OfTheNormalisedTextWithAPrefixNamingTheNormalisation() {
        assertThat(Checksum.of("abc"))
                .isEqualTo("sha256v2:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksum.legacyOf("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theOnePassDigestGivesTheChecksumOfTheNormalisedTextForAnyTextAndAnyCutIntoPieces() throws Exception {
        char[] alphabet = {'a', ';', ' ', '\t', '\n', '\r', '\u2028', '\u0085', '\uFEFF', '\u00e9', '\u20ac',
            '\uD83D', '\uDE00', '\u000B'};
        java.util.Random random = new java.util.Random(15);
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(round % 2 == 0 ? 12 : 120)]; // long runs of ASCII too
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            String expected = Checksum.PREFIX + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(Checksum.normalise(s).getBytes(java.nio.charset.StandardCharsets
                            .UTF_8)));
            assertThat(Checksum.of(s)).as("%s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(expected);
            int cut = s.isEmpty() ? 0 : random.nextInt(s.length());
            Checksum.Digest pieces = new Checksum.Digest();
            pieces.add(s, 0, cut);
            pieces.add(s, cut, s.length());
            assertThat(pieces.finish()).isEqualTo(expected);
        }
    }

    @Test
    void ignoresLineEndingStyleAndByteOrderMark() {
        assertThat(Checksum.of(SQL.replace("\n", "\r\n"))).isEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.replace("\n", "\r"))).isEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of("\uFEFF" + SQL)).isEqualTo(Checksum.of(SQL));
    }

    @Test
    void ignoresSpacesAndTabsAtLineEndsAndBlankLinesAtTheStartAndEnd() {
        assertThat(Checksum.of(SQL.replace("\n", " \t\n"))).isEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.strip())).isEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL + "\n\n")).isEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of("\n  \n" + SQL)).isEqualTo(Checksum.of(SQL));
    }

    @Test
    void countsEverythingElse() {
        assertThat(Checksum.of(SQL.replace("  id", "    id"))).as("indentation").isNotEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.replace("\n\n", "\n"))).as("blank line between statements")
                .isNotEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.replace("one", "two"))).as("a comment").isNotEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.replace("SELECT", "select"))).as("letter case").isNotEqualTo(Checksum.of(SQL));
        assertThat(Checksum.of(SQL.replace("1;", "1 ;"))).as("spaces inside a line").isNotEqualTo(Checksum.of(SQL));
    }

    @Test
    void aRecordedChecksumIsComparedTheWayItWasTaken() {
        assertThat(Checksum.matches(Checksum.of(SQL), SQL + "  \n")).isTrue();
        assertThat(Checksum.matches(Checksum.legacyOf(SQL), SQL.replace("\n", "\r\n"))).isTrue();
        assertThat(Checksum.matches(Checksum.legacyOf(SQL), SQL + " ")).as("old rows keep the old rules").isFalse();
        assertThat(Checksum.matches(Checksum.legacyOf(SQL), SQL.replace("one", "two"))).isFalse();
        assertThat(Checksum.matches(null, SQL)).as("nothing recorded").isTrue();
        assertThat(Checksum.matches("md5:0123", SQL)).as("unknown prefix").isFalse();
    }

    @Test
    void anOldChecksumMatchesTheSameSqlInTheOtherFileFormat() {
        String singleFileSection = "CREATE TABLE t (id INTEGER);"; // cut before '-- migrate:down'
        String upFile = "CREATE TABLE t (id INTEGER);\n";
        assertThat(Checksum.matches(Checksum.legacyOf(singleFileSection), upFile)).isFalse();
        assertThat(Checksum.matchesInOtherFormat(Checksum.legacyOf(singleFileSection), upFile)).isTrue();
        assertThat(Checksum.matchesInOtherFormat(Checksum.legacyOf("\n" + singleFileSection + "\n"), upFile))
                .isTrue();
        assertThat(Checksum.matchesInOtherFormat(Checksum.legacyOf(singleFileSection), upFile.replace("t ", "u ")))
                .isFalse();
    }
}
