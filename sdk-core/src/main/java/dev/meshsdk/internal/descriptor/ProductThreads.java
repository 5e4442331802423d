package dev.meshsdk.internal.descriptor;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where per-product work (reading and checking descriptors, judging policies) runs: over the common fork-join pool
 * when the machine has cores to spare, else on the calling thread. A validation is mostly a cold JVM's first run of
 * its code: on 2 cores the JIT's two compiler threads keep the second core busy, and a second application thread
 * measured about 6% slower in wall time and 8% more CPU time (ColdValidateBenchmark, 2026-12-07).
 */
public final class ProductThreads {
    /** The fewest available processors at which products are spread over threads. */
    static final int MIN_PROCESSORS = 3;

    private ProductThreads() {}

    /** {@code f} of every item, in the items' order; a failure is thrown as {@code f} threw it. */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        return map(items, f, Runtime.getRuntime().availableProcessors());
    }

    static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f, int processors) {
        Stream<T> s = items.size() > 1 && processors >= MIN_PROCESSORS ? items.parallelStream() : items.stream();
        return s.<R>map(f).toList();
    }
}
