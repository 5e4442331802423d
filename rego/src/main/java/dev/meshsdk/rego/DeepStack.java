package dev.meshsdk.rego;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs pure work (parsing, compiling, evaluating) on the caller's thread and, if it nests deeper
 * than that thread's stack allows, again from scratch on a thread with a large stack. The depth
 * limits of {@link RegoOptions} are sized for that large stack, so a {@link StackOverflowError}
 * never escapes: the rare one that still happens there becomes the given {@link RegoException}.
 */
final class DeepStack {
    /** Room for {@link RegoOptions#MAX_DEPTH} levels of the deepest recursion, with a margin. */
    static final long STACK_BYTES = 512L * 1024 * 1024;

    /** Daemon threads that end when idle: nothing to close. */
    private final ThreadPoolExecutor largeStack =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new LargeStackThread(r);
                t.setDaemon(true);
                return t;
            });

    /** A thread with {@link #STACK_BYTES} of stack. */
    private static final class LargeStackThread extends Thread {
        LargeStackThread(Runnable r) {
            super(null, r, "rego-deep-stack", STACK_BYTES);
        }
    }

    /** Whether the current thread already has the large stack (so there is no retry left). */
    static boolean onLargeStack() {
        return Thread.currentThread() instanceof LargeStackThread;
    }

    <T> T run(Callable<T> work, Supplier<RegoException> tooDeep) {
        try {
            return work.call();
        } catch (StackOverflowError tooDeepForCaller) {
            return onLargeStack(work, tooDeep);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T onLargeStack(Callable<T> work, Supplier<RegoException> tooDeep) {
        Future<T> f = largeStack.submit(() -> {
            try {
                return work.call();
            } catch (StackOverflowError so) {
                throw tooDeep.get();
            }
        });
        try {
            return f.get();
        } catch (InterruptedException ie) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegoException("eval_cancel_error", "evaluation interrupted");
        } catch (ExecutionException ee) {
            Throwable c = ee.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
