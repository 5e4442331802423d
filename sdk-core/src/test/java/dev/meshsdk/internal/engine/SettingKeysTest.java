package dev.meshsdk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.UnknownSetting;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting keys no module reads are found, with the nearest key a module declares; adapters declare their own. */
class SettingKeysTest {
    @TempDir
    Path tmp;

    /** A class loader seeing sdk-core's declarations and one adapter's {@code setting-keys} file. */
    private ClassLoader withAdapter(String declared) throws IOException {
        Path file = tmp.resolve(SettingKeys.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, declared, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void aMisspeltKeyIsUnknownWithTheNearestKnownKey() {
        List<UnknownSetting> unknown = Mesh.unknownSettings(
                List.of("mesh.check.failon", "mesh.enviroment", "mesh.check.maxRowChange", "mesh.zzz"),
                Set.of("mesh.environment", "mesh.check.failOn"),
                getClass().getClassLoader());
        assertThat(unknown)
                .containsExactly(
                        new UnknownSetting("mesh.check.failon", "mesh.check.failOn"),
                        new UnknownSetting("mesh.enviroment", "mesh.environment"),
                        new UnknownSetting("mesh.zzz", null));
        assertThat(unknown.get(0).message("-D on the command line"))
                .isEqualTo("Setting mesh.check.failon (-D on the command line) is read by neither the SDK nor a loaded"
                        + " plugin, so it is ignored; perhaps you meant mesh.check.failOn");
        assertThat(unknown.get(2).message("the POM's <config>"))
                .endsWith("; remove it, or add the plugin that reads it" + " to the plugin's dependencies");
    }

    @Test
    void anAdapterDeclaresItsKeysSegmentsAndPrefixesWithoutSdkCoreKnowingThem() throws IOException {
        ClassLoader loader = withAdapter("""
                # an adapter's keys
                mesh.acme.url   # its endpoint
                mesh.acme.teams.<team>.quota
                mesh.acme.conf.*
                """);
        List<String> keys = List.of(
                "mesh.acme.url",
                "mesh.acme.teams.sales.quota",
                "mesh.acme.teams.sales.eu.quota",
                "mesh.acme.conf.a.b",
                "mesh.acme.conf.",
                "mesh.acme.ulr");
        assertThat(Mesh.unknownSettings(keys, Set.of(), loader))
                .containsExactly(
                        new UnknownSetting("mesh.acme.conf.", "mesh.acme.conf.*"),
                        new UnknownSetting("mesh.acme.teams.sales.eu.quota", "mesh.acme.teams.<team>.quota"),
                        new UnknownSetting("mesh.acme.ulr", "mesh.acme.url"));
        assertThat(Mesh.unknownSettings(
                        List.of("mesh.acme.url"), Set.of(), getClass().getClassLoader()))
                .as("without the adapter on the class path")
                .hasSize(1);
    }

    /**
     * Every key the repository's modules read by name ({@code setting("mesh.x")}, {@code config().get("mesh.x")},
     * a constant such as {@code ..._KEY = "mesh.x"}, not the Delta table property {@code PRIMARY_KEY}) is declared by a module's {@code setting-keys}, so no real
     * setting is warned about. (Goal parameters are known from the plugin's descriptor; keys built from a prefix
     * are declared by hand.)
     */
    @Test
    void everyKeyTheModulesReadByNameIsDeclared() throws IOException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        assertThat(repo.resolve("pom.xml"))
                .as("this test reads the repository's modules beside sdk-core")
                .exists();
        Pattern read = Pattern.compile(
                "(?:setting\\(|config\\(\\)\\.get\\(|getOrDefault\\(|(?<!PRIMARY)_KEY = |_SETTING = |_PROPERTY = |"
                        + "SAMPLE_ROWS = |MIN_SHARE = |MAX_ROW_CHANGE = |TRANSFER = |PURGE_RETENTION = |CONCURRENCY = |"
                        + "DUPLICATES_BY_\\w+ = )\\s*\"(mesh\\.[A-Za-z0-9_.]+)\"");
        Set<String> found = new TreeSet<>();
        List<Path> declarations = new ArrayList<>();
        List<Path> modules;
        try (Stream<Path> dirs = Files.list(repo)) {
            modules = dirs.filter(d -> Files.isDirectory(d.resolve("src/main"))
                            && !d.getFileName().toString().startsWith("benchmarks"))
                    .toList();
        }
        for (Path module : modules) {
            Path declared = module.resolve("src/main/resources").resolve(SettingKeys.RESOURCE);
            if (Files.exists(declared)) declarations.add(declared);
            try (Stream<Path> files = Files.walk(module.resolve("src/main"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = read.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).endsWith(".")) found.add(m.group(1)); // a prefix: its keys are built
                    }
                }
            }
        }
        assertThat(found).as("keys found in the sources").contains("mesh.s3.profile", "mesh.check.maxRowChange");
        URL[] urls = new URL[declarations.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = declarations
                    .get(i)
                    .getParent()
                    .getParent()
                    .getParent()
                    .toUri()
                    .toURL();
        }
        ClassLoader all = new URLClassLoader(urls, null);
        assertThat(Mesh.unknownSettings(found, Set.of(), all)).isEmpty();
    }
}
