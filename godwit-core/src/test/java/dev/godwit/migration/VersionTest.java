package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.ErrorCode;
import dev.godwit.GodwitException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void comparesSegmentBySegmentNumericallyNotAsText() {
        List<Version> versions = new ArrayList<>();
        for (String s : new String[] {"10", "2", "1.10", "1.2", "1", "20250101000001", "1.2.1"}) {
            versions.add(Version.parse(s));
        }
        Collections.sort(versions);
        assertThat(versions).extracting(Version::text)
                .containsExactly("1", "1.2", "1.2.1", "1.10", "2", "10", "20250101000001");
    }

    @Test
    void aFewVersionsAreListedAndManyAreSummarisedWithTheirCount() {
        List<Version> few = List.of(Version.parse("1"), Version.parse("2"), Version.parse("3"));
        assertThat(Version.summarize(few)).isEqualTo("1, 2, 3");
        List<Version> many = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            many.add(Version.parse(Integer.toString(i)));
        }
        assertThat(Version.summarize(many)).isEqualTo("1, 2, 3, ... 19999, 20000 (20000 in all)");
    }

    @Test
    void trailingZeroSegmentsNameTheSameVersion() {
        assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1")).hasSameHashCodeAs(Version.parse("1.0.0"));
        assertThat(Version.parse("1.0.1")).isNotEqualTo(Version.parse("1.1"));
    }

    @Test
    void refusesTextThatIsNotAVersion() {
        for (String bad : new String[] {"", "v1", "1.", ".1", "1..2", "1a", "-1"}) {
            assertThatThrownBy(() -> Version.parse(bad)).isInstanceOf(GodwitException.class)
                    .extracting(e -> ((GodwitException) e).code()).isEqualTo(ErrorCode.USAGE);
        }
    }

    @Property
    void orderMatchesNumericOrderOfSingleSegments(@ForAll @IntRange(min = 0, max = 1_000_000) int a,
                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int b) {
        assertThat(Integer.signum(Version.parse(String.valueOf(a)).compareTo(Version.parse(String.valueOf(b)))))
                .isEqualTo(Integer.signum(Integer.compare(a, b)));
    }

    @Test
    void repeatablesComeAfterEveryVersionInOrderOfDescriptionAndReadBackFromTheirKey() {
        List<Version> versions = new ArrayList<>(List.of(Version.repeatable("a-b"), Version.parse("99999999999999"),
                Version.repeatable("a b"), Version.parse("1")));
        Collections.sort(versions);

        // "a b" before "a-b", as the descriptions compare (a space before '-')
        assertThat(versions).extracting(Version::text).containsExactly("1", "99999999999999", "R__a_b", "R__a-b");
        assertThat(Version.parse("R__a_b")).isEqualTo(Version.repeatable("a b")).isNotEqualTo(Version.parse("1"));
        assertThat(Version.parse("R__a_b").isRepeatable()).isTrue();
    }

    @Test
    void aVersionOrderedAsTextEqualsTheNumericVersionOfItsDigitsAndSortsAsTextInItsOrder() {
        Version dated = Version.orderedAsText("20240313");
        Version stamp = Version.orderedAsText("20240101120000");

        assertThat(dated).isEqualTo(Version.parse("20240313")).hasSameHashCodeAs(Version.parse("20240313"));
        assertThat(VersionOrder.of(List.of(dated, stamp))).isEqualTo(VersionOrder.TEXT);
        assertThat(VersionOrder.TEXT.compare(stamp, dated)).isNegative();
        assertThat(VersionOrder.NUMERIC.compare(stamp, dated)).isPositive();
        assertThat(VersionOrder.TEXT.compare(Version.parse("20240313"), dated)).isZero();
    }
}
