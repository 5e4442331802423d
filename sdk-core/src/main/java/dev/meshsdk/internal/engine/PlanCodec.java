package dev.meshsdk.internal.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.DeploymentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes plans as JSON. */
public final class PlanCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {}

    public static String toJson(DeploymentPlan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write plan: " + e.getMessage(), e);
        }
    }

    public static DeploymentPlan fromJson(String json, String origin) {
        try {
            DeploymentPlan plan = MAPPER.readValue(json, DeploymentPlan.class);
            if (plan.formatVersion() != DeploymentPlan.FORMAT_VERSION) {
                throw new MeshException(ErrorCode.STALE_PLAN, "Cannot read plan " + origin + ": format version "
                        + plan.formatVersion() + " is not " + DeploymentPlan.FORMAT_VERSION + "; plan again");
            }
            return plan;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot read plan " + origin + ": "
                    + e.getOriginalMessage() + "; plan again with mesh:plan", e);
        }
    }

    public static void write(DeploymentPlan plan, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson(plan));
        } catch (IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot write plan to " + file + ": " + e.getMessage(), e);
        }
    }

    public static DeploymentPlan read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot read plan " + file + ": "
                    + e.getMessage() + "; run mesh:plan first", e);
        }
    }
}
