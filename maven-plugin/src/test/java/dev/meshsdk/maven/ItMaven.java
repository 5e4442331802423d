package dev.meshsdk.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;

/**
 * Real Maven builds for the plugin's failsafe tests, on the plugin as failsafe installed it ({@code mesh.it.repo},
 * {@code maven.home}, {@code mesh.version} set by the module's failsafe configuration).
 */
final class ItMaven {
    private ItMaven() {}

    /** Runs Maven with {@code args} (goals and options) and user properties; returns its exit code. */
    static int run(Path project, List<String> args, Map<String, String> properties, List<String> out) throws Exception {
        InvocationRequest request = new DefaultInvocationRequest();
        request.setBaseDirectory(project.toFile());
        request.addArgs(args);
        request.setBatchMode(true);
        Properties props = new Properties();
        properties.forEach(props::setProperty);
        props.setProperty("maven.repo.local.tail", required("mesh.it.repo.tail"));
        request.setProperties(props);
        request.setOutputHandler(out::add);
        request.setErrorHandler(out::add);
        DefaultInvoker invoker = new DefaultInvoker();
        invoker.setMavenHome(new File(required("maven.home")));
        invoker.setLocalRepositoryDirectory(new File(required("mesh.it.repo")));
        InvocationResult result = invoker.execute(request);
        if (result.getExecutionException() != null) throw result.getExecutionException();
        return result.getExitCode();
    }

    static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run this test through"
                    + " the maven-plugin module's failsafe configuration (./mvnw -pl maven-plugin -am verify)");
        }
        return v;
    }
}
