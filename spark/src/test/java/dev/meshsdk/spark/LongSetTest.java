package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSetTest {
    @Test
    void agreesWithAHashSetAcrossGrowthAndTheReservedValue() {
        DuplicateCounts.LongSet set = new DuplicateCounts.LongSet();
        Set<Long> expected = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        for (int i = 0; i < 200_000; i++) {
            long v = i % 1000 == 0 ? specials[(i / 1000) % specials.length] : random.nextLong(50_000) * 4096;
            assertThat(set.add(v)).as("add %d", v).isEqualTo(expected.add(v));
        }
        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.bytes()).isGreaterThanOrEqualTo(expected.size() * 2L * 8);
    }
}
