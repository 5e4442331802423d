package dev.meshsdk.maven;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * Starts the Spark session a data goal's adapters will use, before the goal's core call, and logs how long
 * it took ({@code Started Spark 4.2.0 in 7.3 s}): the one slow step of a data goal, said once rather than
 * hidden in the first quality rule. The session is built by {@code mesh-spark}'s {@code SparkSettings} from
 * the same {@code mesh.spark.*} settings the adapters read, so they find it running and use it.
 *
 * <p>The plugin does not depend on {@code mesh-spark} (users add it to the plugin's {@code <dependencies>}),
 * hence the reflection.
 */
final class SparkStart {
    static final String SETTINGS_CLASS = "dev.meshsdk.spark.SparkSettings";

    private SparkStart() {}

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
     * Starts the session, or finds it running, and logs how long it took. Closing the result stops the session
     * if this started it: in Maven's JVM, Spark's own shutdown hooks would load classes after Maven has closed
     * the plugin's class realm, and fail.
     */
    static Started start(AdapterContext context, ClassLoader loader, Log log) {
        long started = System.nanoTime();
        Object session;
        String version;
        boolean running;
        try {
            Class<?> sessionType = Class.forName("org.apache.spark.sql.SparkSession", true, loader);
            Object dflt = sessionType.getMethod("getDefaultSession").invoke(null);
            running = (Boolean) dflt.getClass().getMethod("isDefined").invoke(dflt);
            Class<?> settingsType = Class.forName(SETTINGS_CLASS, true, loader);
            Object settings = settingsType.getMethod("from", AdapterContext.class).invoke(null, context);
            session = settingsType.getMethod("getOrCreate").invoke(settings);
            version = String.valueOf(session.getClass().getMethod("version").invoke(session));
        } catch (InvocationTargetException e) {
            throw cannotStart(e.getCause() == null ? e : e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw cannotStart(e);
        }
        if (running) {
            log.info("Using the running Spark " + version + " session");
            return () -> {};
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(String.format(Locale.ROOT, "Started Spark %s in %.1f s", version, seconds));
        return () -> {
            try {
                session.getClass().getMethod("stop").invoke(session);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Cannot stop Spark: " + (e.getCause() != null ? e.getCause() : e));
            }
        };
    }

    /** A session started or found running; closing it stops it if {@link #start} started it. */
    interface Started extends AutoCloseable {
        @Override
        void close();
    }

    private static MeshException cannotStart(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        if (!SparkFork.missingOpens().isEmpty()) {
            return new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot start Spark: " + why + "; this JVM lacks"
                    + " the --add-opens flags Spark needs on Java 17+: run the goal with -Dmesh.fork=auto (the"
                    + " default), which runs it in a JVM of its own with them", cause);
        }
        return new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot start Spark: " + why
                + "; check the mesh.spark.* settings (-Dmesh.spark.verbose=true shows Spark's own log)", cause);
    }
}
