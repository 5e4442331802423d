package dev.meshsdk.internal.data;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.engine.Plugins;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.quality.QualityEngine;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the loaded module that serves a port's data ({@link PortData}) or evaluates its rules
 * ({@link QualityEngine}), and says which module to add when none does.
 */
public final class DataModules {
    private final Plugins plugins;
    private final AdapterContext context;

    public DataModules(Plugins plugins, AdapterContext context) {
        this.plugins = plugins;
        this.context = context;
    }

    /** The data module of the port; {@code ADAPTER_NOT_FOUND} naming the module to add when none is loaded. */
    public PortData portData(PortBinding port, String verb) {
        return optionalPortData(port)
                .orElseThrow(() -> new MeshException(
                        ErrorCode.ADAPTER_NOT_FOUND,
                        "Cannot "
                                + verb + " " + DataFiles.describe(port) + ": no loaded data module serves server type '"
                                + port.server().type() + "'" + format(port) + " (loaded: " + plugins.portDataNames()
                                + "); add "
                                + moduleFor(port.server().type())
                                + " to the dependencies (of the plugin, or of the application)"));
    }

    /** The data module of the port, if one is loaded. */
    public Optional<PortData> optionalPortData(PortBinding port) {
        return plugins.portDataFor(port, context);
    }

    /** The quality engine of the port, if one is loaded. */
    public Optional<QualityEngine> qualityEngine(PortBinding port) {
        return plugins.qualityEngineFor(port, context);
    }

    public String engineName(QualityEngine engine) {
        return plugins.qualityEngineName(engine);
    }

    /** The Maven coordinates of the SDK module that serves a server type, for "add module X" messages. */
    public static String moduleFor(String serverType) {
        String type = serverType == null ? "" : serverType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "local", "s3", "s3a" -> "dev.meshsdk:mesh-spark";
            case "postgres", "postgresql" -> "dev.meshsdk:mesh-storage-postgres";
            case "redshift" -> "dev.meshsdk:mesh-storage-redshift";
            default -> "the module that serves server type '" + serverType + "'";
        };
    }

    private static String format(PortBinding port) {
        return port.server()
                .setting("format")
                .map(f -> " in format '" + f + "'")
                .orElse("");
    }
}
