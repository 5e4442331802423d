package dev.meshsdk.internal.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes plans as JSON. The plan's public types carry no Jackson annotations: how they map to JSON
 * (the {@code kind} of each change, the derived methods left out) is said here, in mix-ins.
 */
public final class PlanCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(Change.class, ChangeJson.class)
            .addMixIn(DeploymentPlan.class, PlanJson.class)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {}

    /** Each change as an object with its {@code kind}; the summary and the symbol are not data. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Change.CreateTable.class, name = "create"),
        @JsonSubTypes.Type(value = Change.AddColumn.class, name = "add-column"),
        @JsonSubTypes.Type(value = Change.AlterColumn.class, name = "alter-column"),
        @JsonSubTypes.Type(value = Change.SetProperties.class, name = "set-properties"),
        @JsonSubTypes.Type(value = Change.Grant.class, name = "grant"),
        @JsonSubTypes.Type(value = Change.Revoke.class, name = "revoke"),
        @JsonSubTypes.Type(value = Change.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = Change.DropColumn.class, name = "drop-column"),
        @JsonSubTypes.Type(value = Change.SetVersionStatus.class, name = "version-status"),
        @JsonSubTypes.Type(value = Change.DropTable.class, name = "drop-table"),
        @JsonSubTypes.Type(value = Change.KeepTable.class, name = "keep-table"),
        @JsonSubTypes.Type(value = Change.Rollback.class, name = "rollback"),
    })
    private interface ChangeJson {
        @JsonIgnore
        char symbol();

        @JsonIgnore
        String summary();
    }

    /** The derived views of a plan are not data. */
    private interface PlanJson {
        @JsonIgnore
        boolean hasChanges();

        @JsonIgnore
        List<Change.Refused> refusals();
    }

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
                throw new MeshException(
                        ErrorCode.STALE_PLAN,
                        "Cannot read plan " + origin + ": format version " + plan.formatVersion() + " is not "
                                + DeploymentPlan.FORMAT_VERSION + "; plan again");
            }
            return plan;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read plan " + origin + ": " + e.getOriginalMessage() + "; plan again with mesh:plan",
                    e);
        }
    }

    public static void write(DeploymentPlan plan, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson(plan));
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.STORAGE_FAILURE, "Cannot write plan to " + file + ": " + e.getMessage(), e);
        }
    }

    public static DeploymentPlan read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read plan " + file + ": " + e.getMessage() + "; run mesh:plan first",
                    e);
        }
    }
}
