package dev.meshsdk.spi.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleTest {

    /** Draws Bernoulli samples as the samplers do and counts how often one falls short of the rows asked for. */
    private static int shortfalls(int rows, long total, int trials) {
        double p = Sample.bernoulliFraction(rows, total);
        Random random = new Random(42);
        int shortOnes = 0;
        for (int t = 0; t < trials; t++) {
            long kept = 0;
            for (long i = 0; i < total; i++) if (random.nextDouble() < p) kept++;
            if (kept < rows) shortOnes++;
        }
        return shortOnes;
    }

    @Test
    void aBernoulliSampleAlmostNeverFallsShortOfTheRowsAskedFor() {
        assertThat(shortfalls(10, 500, 2_000)).isLessThanOrEqualTo(1);
        assertThat(shortfalls(1_000, 50_000, 200)).isZero();
        // the plain 1.1 x the rows the samplers used before falls short a third of the time for 10 rows
        Random random = new Random(42);
        int plainShort = 0;
        for (int t = 0; t < 2_000; t++) {
            long kept = 0;
            for (int i = 0; i < 500; i++) if (random.nextDouble() < 10 * 1.1 / 500) kept++;
            if (kept < 10) plainShort++;
        }
        assertThat(plainShort).isGreaterThan(400);
    }

    @Test
    void aTableNotLargerThanTheMarginIsReadWholeAndALargeOneBarelyOverSampled() {
        assertThat(Sample.bernoulliFraction(10, 20)).isEqualTo(1.0);
        assertThat(Sample.bernoulliFraction(10, 0)).isEqualTo(1.0);
        assertThat(Sample.bernoulliFraction(10_000, 1_000_000) * 1_000_000).isBetween(10_000.0, 10_500.0);
    }

    @Test
    void showsNoValue() {
        Sample s = new Sample(List.of("email"), List.of(List.of("ana@example.com")), 1);
        assertThat(s.toString()).doesNotContain("ana@").contains("1 row(s)");
    }
}
