package dev.meshsdk.maven;

import dev.meshsdk.spi.AdapterContext;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * Starts the Spark session a data goal's adapters will use, beside the goal's core call, and logs how long it
 * took ({@code Started Spark 4.2.0 in 7.3 s}): the one slow step of a data goal, said once rather than hidden in
 * the first rule or row. The session is built by {@code mesh-spark}'s {@code SparkSettings} from the same
 * {@code mesh.spark.*} settings the adapters read; Spark builds one session at a time, so the adapters get this
 * one. It starts on a thread of its own so that a call failing before it needs Spark (a file that is not
 * there, a port that is not deployed) fails at once instead of after Spark's start.
 *
 * <p>The plugin does not depend on {@code mesh-spark} (users may add it to the plugin's {@code <dependencies>};
 * otherwise a data goal fetches it for a forked JVM, {@link SparkLibraries}), hence the reflection. A start that fails is only logged at debug level: the adapter that needs the session
 * fails the same way and reports it.
 */
final class SparkStart {
    static final String SETTINGS_CLASS = "dev.meshsdk.spark.SparkSettings";
    private static final String SESSION_CLASS = "org.apache.spark.sql.SparkSession";

    private final Thread thread;
    private volatile Object started;

    private SparkStart(AdapterContext context, ClassLoader loader, Log log) {
        this.thread = new Thread(() -> run(context, loader, log), "mesh-spark-start");
        thread.setDaemon(true);
    }

    /** Whether {@code mesh-spark} is on the plugin's class path. */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName(SETTINGS_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts the session, or finds it running, on a thread of its own (which inherits this thread's context
     * class loader, the plugin's in Maven's JVM). With {@code stopWhenClosed}, closing the result waits for the
     * start and stops the session if this started it: in Maven's JVM, Spark's own shutdown hooks would load
     * classes after Maven has closed the plugin's class realm, and fail. A forked JVM just exits.
     */
    static Started start(AdapterContext context, ClassLoader loader, Log log, boolean stopWhenClosed) {
        SparkStart start = new SparkStart(context, loader, log);
        start.thread.start();
        return () -> {
            if (stopWhenClosed) start.stop(log);
        };
    }

    private void run(AdapterContext context, ClassLoader loader, Log log) {
        long begin = System.nanoTime();
        try {
            Object dflt = Class.forName(SESSION_CLASS, true, loader)
                    .getMethod("getDefaultSession")
                    .invoke(null);
            boolean running = (Boolean) dflt.getClass().getMethod("isDefined").invoke(dflt);
            Class<?> settingsType = Class.forName(SETTINGS_CLASS, true, loader);
            Object settings =
                    settingsType.getMethod("from", AdapterContext.class).invoke(null, context);
            Object session = settingsType.getMethod("getOrCreate").invoke(settings);
            String version =
                    String.valueOf(session.getClass().getMethod("version").invoke(session));
            if (running) {
                log.info("Using the running Spark " + version + " session");
                return;
            }
            started = session;
            log.info(String.format(
                    Locale.ROOT, "Started Spark %s in %.1f s", version, (System.nanoTime() - begin) / 1e9));
        } catch (InvocationTargetException e) {
            log.debug("Cannot start Spark ahead of the goal: " + (e.getCause() == null ? e : e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("Cannot start Spark ahead of the goal: " + e);
        }
    }

    private void stop(Log log) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Object session = started;
        if (session == null) return;
        try {
            session.getClass().getMethod("stop").invoke(session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot stop Spark: " + (e.getCause() != null ? e.getCause() : e));
        }
    }

    /** A start under way; closing it stops the session it started, if asked to. */
    interface Started extends AutoCloseable {
        @Override
        void close();
    }
}
