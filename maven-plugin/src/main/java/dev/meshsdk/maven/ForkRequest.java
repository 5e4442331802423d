package dev.meshsdk.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a forked goal is asked to do, written by {@link SparkFork} to a file only its user can read and read
 * by {@link ForkedGoal}: the goal's {@link MeshSetup} and {@link GoalCall}, and how to run it. Never holds a
 * secret: those travel in the forked JVM's environment only.
 *
 * @param callType   the {@link GoalCall} record's class name
 * @param call       the call's parameters as JSON
 * @param startSpark whether to start Spark before the call (the call touches a Spark-served port)
 * @param debug      whether Maven logs at debug level ({@code -X})
 * @param verbose    whether Spark's own log is shown at INFO ({@code -Dmesh.spark.verbose=true})
 * @param systemProperties {@code -Dspark.*} given to Maven, which Spark reads from the system properties
 */
record ForkRequest(
        MeshSetup setup,
        String callType,
        JsonNode call,
        boolean startSpark,
        boolean debug,
        boolean verbose,
        Map<String, String> systemProperties) {
    private static final ObjectMapper JSON = new ObjectMapper();

    ForkRequest {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(callType, "callType");
        Objects.requireNonNull(call, "call");
        systemProperties = systemProperties == null ? Map.of() : Map.copyOf(systemProperties);
    }

    static ForkRequest of(
            MeshSetup setup,
            GoalCall call,
            boolean startSpark,
            boolean debug,
            boolean verbose,
            Map<String, String> systemProperties) {
        return new ForkRequest(
                setup, call.getClass().getName(), JSON.valueToTree(call), startSpark, debug, verbose, systemProperties);
    }

    /** The call, rebuilt from its JSON with the given class loader. */
    GoalCall goalCall(ClassLoader loader) {
        try {
            Class<? extends GoalCall> type =
                    Class.forName(callType, true, loader).asSubclass(GoalCall.class);
            return JSON.treeToValue(call, type);
        } catch (ClassNotFoundException | IOException e) {
            throw new IllegalStateException(
                    "Cannot read the forked goal's call " + callType + ": " + e.getMessage(), e);
        }
    }

    void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the forked goal's request to " + file, e);
        }
    }

    static ForkRequest read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ForkRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the forked goal's request " + file, e);
        }
    }
}
