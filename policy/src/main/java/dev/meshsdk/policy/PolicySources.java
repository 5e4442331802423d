package dev.meshsdk.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.Severity;
import dev.meshsdk.rego.RegoEngine;
import dev.meshsdk.rego.RegoException;
import dev.meshsdk.rego.RegoModule;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.policy.PolicyFinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The policies to evaluate: the default governance pack shipped in this module (unless
 * {@code mesh.policy.pack} is {@code false}), overridden package by package by the project's own
 * {@code *.rego} files, and the project's data files ({@code *.json},
 * {@code *.yaml}) merged into {@code data}. Remembers where each rule is written, for findings.
 */
record PolicySources(
        List<RegoModule> modules,
        Map<String, Path> files,
        Map<String, String> texts,
        JsonNode data,
        Set<String> userFiles,
        List<PolicyFinding> dataWarnings) {
    static final String PACK = "/dev/meshsdk/policy/pack/";
    private static final Pattern RULE =
            Pattern.compile("^(deny|violation|warn|test_[A-Za-z0-9_]*)\\b", Pattern.MULTILINE);

    static PolicySources load(AdapterContext context, RegoEngine rego) {
        boolean usePack = !context.setting("mesh.policy.pack")
                .map("false"::equalsIgnoreCase)
                .orElse(false);
        Map<String, String> pack = usePack ? pack() : Map.of();
        Path dir = context.setting("mesh.policy.directory")
                .map(Path::of)
                .map(p -> p.isAbsolute() ? p : context.baseDirectory().resolve(p))
                .orElse(context.baseDirectory().resolve("src/main/mesh/policies"));
        Map<String, String> user = new LinkedHashMap<>();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        List<PolicyFinding> dataWarnings = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".rego")) user.put(f.toString(), Files.readString(f));
                    else if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"))
                        merge(data, read(f, dataWarnings));
                }
            } catch (IOException e) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION, "Cannot read policies from " + dir + ": " + e.getMessage(), e);
            }
        }
        List<RegoModule> userModules = parse(rego, user);
        Set<String> overridden =
                userModules.stream().map(RegoModule::packagePath).collect(Collectors.toSet());
        List<RegoModule> modules = new ArrayList<>();
        for (RegoModule m : parse(rego, pack)) {
            if (!overridden.contains(m.packagePath())) modules.add(m);
        }
        modules.addAll(userModules);
        Map<String, String> texts = new LinkedHashMap<>(pack);
        texts.putAll(user);
        Map<String, Path> files = new LinkedHashMap<>();
        texts.keySet().forEach(name -> files.put(name, Path.of(name)));
        return new PolicySources(modules, files, texts, data, user.keySet(), List.copyOf(dataWarnings));
    }

    /** The line where a rule named {@code rule} is first written in {@code file}, or 0. */
    int line(String file, String rule) {
        String text = texts.get(file);
        if (text == null) return 0;
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(rule))
                return (int) text.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
        }
        return 0;
    }

    /** {@code test_*} rule names written in a file. */
    List<String> tests(String file) {
        List<String> out = new ArrayList<>();
        Matcher m = RULE.matcher(texts.getOrDefault(file, ""));
        while (m.find()) {
            if (m.group(1).startsWith("test_") && !out.contains(m.group(1))) out.add(m.group(1));
        }
        return out;
    }

    private static List<RegoModule> parse(RegoEngine rego, Map<String, String> sources) {
        List<RegoModule> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        sources.forEach((name, text) -> {
            try {
                out.add(rego.parse(name, text));
            } catch (RegoException e) {
                errors.add(e.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot load policies:" + System.lineSeparator() + String.join(System.lineSeparator(), errors));
        }
        return out;
    }

    private static Map<String, String> pack() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : resource("index.txt").split("\\R")) {
            if (!name.isBlank()) out.put("governance-pack/" + name.trim(), resource(name.trim()));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = PolicySources.class.getResourceAsStream(PACK + name)) {
            if (in == null) throw new MeshException(ErrorCode.INTERNAL, "Cannot find governance pack file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot read governance pack file " + name, e);
        }
    }

    /**
     * A data file's document; a top-level key with a dot that begins with {@code mesh.} (as the README's dotted
     * shorthand reads) is one key with dots to Rego, never the nested settings it looks like: a warning at it says so.
     */
    private static JsonNode read(Path file, List<PolicyFinding> warnings) {
        try {
            ObjectMapper mapper =
                    file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            try (JsonParser parser = mapper.createParser(file.toFile())) {
                if (parser.nextToken() == null) return mapper.nullNode();
                if (parser.currentToken() != JsonToken.START_OBJECT) return mapper.readTree(parser);
                ObjectNode out = mapper.createObjectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    parser.nextToken();
                    JsonNode value = mapper.readTree(parser);
                    if (key.startsWith("mesh.") && key.length() > 5) warnings.add(dottedKey(file, at, key, value));
                    out.set(key, value);
                }
                unknownBreakingKeys(file, out, warnings);
                return out;
            }
        } catch (IOException e) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot read policy data " + file + ": " + e.getMessage() + "; fix the JSON or YAML",
                    e);
        }
    }

    /** The keys of {@code mesh.breaking} the default pack reads. */
    static final List<String> BREAKING_KEYS = List.of("allowUnreadColumnDrops");

    /**
     * A warning for each key under {@code mesh.breaking} (nested, or dotted as {@code mesh.breaking.x}) that the pack
     * does not read: a misspelt allowance would silently stay off.
     */
    private static void unknownBreakingKeys(Path file, ObjectNode document, List<PolicyFinding> warnings) {
        List<String> keys = new ArrayList<>();
        JsonNode breaking = document.path("mesh").path("breaking");
        if (breaking.isObject()) breaking.fieldNames().forEachRemaining(keys::add);
        document.fieldNames().forEachRemaining(k -> {
            if (k.startsWith("mesh.breaking.")) keys.add(k.substring("mesh.breaking.".length()));
        });
        for (String key : keys) {
            if (BREAKING_KEYS.contains(key)) continue;
            String near = dev.meshsdk.internal.descriptor.Suggestions.closest(key, BREAKING_KEYS);
            warnings.add(new PolicyFinding(
                    Severity.WARNING,
                    "policy-data",
                    "policy data key 'mesh.breaking." + key + "' is not one the policies read, so it changes nothing"
                            + (near == null ? "" : "; perhaps you meant '" + near + "'") + "; the keys of"
                            + " mesh.breaking: " + String.join(", ", BREAKING_KEYS),
                    Map.of(),
                    keyLocation(file, key)));
        }
    }

    /** Where {@code key} is first written in {@code file} as a YAML or JSON key; the file's start when not found. */
    private static Location keyLocation(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Pattern written = Pattern.compile("^(\\s*\"?)(mesh\\.breaking\\.)?" + Pattern.quote(key) + "\"?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = written.matcher(lines.get(i));
                if (m.find()) return new Location(file, i + 1, m.group(1).length() + 1, "/mesh/breaking/" + key);
            }
        } catch (IOException e) {
            // read a moment ago: the start of the file will do
        }
        return new Location(file, 1, 1, "/mesh/breaking/" + key);
    }

    private static PolicyFinding dottedKey(Path file, JsonLocation at, String key, JsonNode value) {
        StringBuilder nested = new StringBuilder();
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            nested.append(i == 0 ? "" : "\n")
                    .append("  ".repeat(i))
                    .append(parts[i])
                    .append(':');
        }
        nested.append(' ').append(value.isValueNode() ? value.asText() : value.toString());
        return new PolicyFinding(
                Severity.WARNING,
                "policy-data",
                "policy data key '" + key + "' is read as one key with dots, not as the nested settings the policies"
                        + " read (data." + key + " stays unset); write it nested instead, as in the lines below:\n"
                        + nested,
                Map.of(),
                new Location(file, at.getLineNr(), at.getColumnNr(), "/" + key));
    }

    private static void merge(ObjectNode into, JsonNode from) {
        if (!from.isObject()) return;
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) merge(o, e.getValue());
            else into.set(e.getKey(), e.getValue());
        });
    }
}
