package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumTest {
    @Test
    void isSha256OfTheTextWithAnAlgorithmPrefix() {
        assertThat(Checksum.of("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void ignoresLineEndingStyleAndByteOrderMark() {
        String lf = "CREATE TABLE t (id INTEGER);\nSELECT 1;\n";
        assertThat(Checksum.of(lf.replace("\n", "\r\n"))).isEqualTo(Checksum.of(lf));
        assertThat(Checksum.of("\uFEFF" + lf)).isEqualTo(Checksum.of(lf));
        assertThat(Checksum.of(lf + " ")).isNotEqualTo(Checksum.of(lf));
    }
}
