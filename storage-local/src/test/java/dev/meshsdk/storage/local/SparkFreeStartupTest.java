package dev.meshsdk.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local adapter starts and deploys without loading Spark (or Scala): it loads the SDK, the plugin and
 * a port deploy in a class loader that records every class it is asked for. No timing involved.
 */
class SparkFreeStartupTest {
    @TempDir
    Path base;

    @Test
    @SuppressWarnings("unchecked")
    void startingAndDeployingLoadsNoSparkClasses() throws Exception {
        // Not closed: Hadoop registers a JVM shutdown hook whose classes this loader must still serve at exit.
        RecordingClassLoader loader = new RecordingClassLoader(classPath());
        Class<?> probe = loader.loadClass(StartupProbe.class.getName());
        // Hadoop loads classes through the context class loader, as it would in a host like Maven.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            ((Consumer<Path>) probe.getConstructor().newInstance()).accept(base);
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(Files.isDirectory(base.resolve("data/orders/_delta_log")))
                .as("the probe deployed")
                .isTrue();
        assertThat(loader.requested)
                .as("the recorder saw the kernel load")
                .anyMatch(n -> n.startsWith("io.delta.kernel."));
        assertThat(loader.requested).noneMatch(n -> n.startsWith("org.apache.spark.") || n.startsWith("scala."));
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            // Surefire may pass a manifest-only jar; URLClassLoader follows its Class-Path entries.
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads the class path itself (the parent is the platform loader) and records every class name asked for. */
    private static final class RecordingClassLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingClassLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
