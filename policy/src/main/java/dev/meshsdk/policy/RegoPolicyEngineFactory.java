package dev.meshsdk.policy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.rego.RegoEngine;
import dev.meshsdk.rego.RegoOptions;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded {@code rego} policy engine: the default governance pack plus the project's policies from
 * {@code mesh.policy.directory} (default {@code src/main/mesh/policies}).
 *
 * <p>A policy is repository content, so a pull request can hold a hostile one. Its parsing and evaluation are
 * bounded by {@link RegoOptions#defaults()}; settings {@code mesh.policy.rego.maxSteps},
 * {@code .maxValueSize}, {@code .maxStringLength}, {@code .maxNumberDigits}, {@code .maxParseDepth},
 * {@code .maxEvalDepth} and {@code .timeout} (an ISO-8601 duration such as {@code PT30S}) change them.
 */
final class RegoPolicyEngineFactory implements PolicyEngineFactory {
    private static final String PREFIX = "mesh.policy.rego.";

    @Override
    public String name() {
        return "rego";
    }

    @Override
    public PolicyEngine create(AdapterContext context) {
        RegoEngine rego = RegoEngine.create(options(context));
        return new RegoPolicyEngine(rego, PolicySources.load(context, rego));
    }

    static RegoOptions options(AdapterContext context) {
        try {
            return limits(context);
        } catch (IllegalArgumentException e) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot configure the rego policy engine: " + e.getMessage() + "; check the " + PREFIX
                            + "* settings",
                    e);
        }
    }

    private static RegoOptions limits(AdapterContext context) {
        RegoOptions o = RegoOptions.defaults();
        o = setting(context, "maxSteps", Long::parseLong).map(o::withMaxSteps).orElse(o);
        o = setting(context, "maxValueSize", Integer::parseInt)
                .map(o::withMaxValueSize)
                .orElse(o);
        o = setting(context, "maxStringLength", Integer::parseInt)
                .map(o::withMaxStringLength)
                .orElse(o);
        o = setting(context, "maxNumberDigits", Integer::parseInt)
                .map(o::withMaxNumberDigits)
                .orElse(o);
        o = setting(context, "maxParseDepth", Integer::parseInt)
                .map(o::withMaxParseDepth)
                .orElse(o);
        o = setting(context, "maxEvalDepth", Integer::parseInt)
                .map(o::withMaxEvalDepth)
                .orElse(o);
        return setting(context, "timeout", Duration::parse).map(o::withTimeout).orElse(o);
    }

    private static <T> Optional<T> setting(AdapterContext context, String name, Function<String, T> parse) {
        return context.setting(PREFIX + name).map(String::trim).map(value -> {
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot read setting " + PREFIX + name
                                + ": '" + value + "' is not valid (" + e.getMessage() + "); use a positive number"
                                + (name.equals("timeout") ? " as an ISO-8601 duration such as PT30S" : ""),
                        e);
            }
        });
    }
}
