package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProductThreadsTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 64).boxed().toList();

    @Test
    void onTwoProcessorsEveryItemRunsOnTheCallingThreadInOrder() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = ProductThreads.map(
                ITEMS,
                i -> {
                    threads.add(Thread.currentThread());
                    return i * 2;
                },
                2);
        assertThat(out).isEqualTo(ITEMS.stream().map(i -> i * 2).toList());
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void withCoresToSpareItemsRunOnSeveralThreadsAndKeepTheirOrder() throws InterruptedException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        // two items wait for each other: only two threads at once get both past the latch
        CountDownLatch both = new CountDownLatch(2);
        List<Integer> out = ProductThreads.map(
                List.of(0, 1),
                i -> {
                    threads.add(Thread.currentThread());
                    both.countDown();
                    try {
                        assertThat(both.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return i;
                },
                ProductThreads.MIN_PROCESSORS);
        assertThat(out).containsExactly(0, 1);
        assertThat(threads).hasSize(2);
    }

    @Test
    void aFailureIsThrownAsThrown() {
        assertThatThrownBy(() -> ProductThreads.map(
                        ITEMS,
                        i -> {
                            if (i == 5) throw new IllegalStateException("item 5");
                            return i;
                        },
                        2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item 5");
    }
}
