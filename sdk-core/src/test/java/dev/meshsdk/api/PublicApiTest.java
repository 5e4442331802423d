package dev.meshsdk.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.Mesh;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.DeploymentPlan;
import dev.meshsdk.plan.PortPlan;
import dev.meshsdk.plan.ProductPlan;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API (every class of sdk-core outside {@code internal} packages) carries no other library's
 * annotations: users compile against it, and how it maps to JSON or anything else is said inside the SDK.
 */
class PublicApiTest {

    @Test
    void noPublicTypeCarriesAnotherLibrarysAnnotations() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> type : publicApiClasses()) {
            check(type, type.getName(), found);
            for (var m : type.getDeclaredMethods()) check(m, type.getName() + "." + m.getName() + "()", found);
            for (var f : type.getDeclaredFields()) check(f, type.getName() + "." + f.getName(), found);
            for (var c : type.getDeclaredConstructors()) check(c, type.getName() + ".<init>", found);
            if (type.isRecord()) {
                for (var rc : type.getRecordComponents()) check(rc, type.getName() + "." + rc.getName(), found);
            }
        }
        assertThat(found).as("annotations of other libraries on the public API").isEmpty();
    }

    @Test
    void aPlanStillReadsBackWithEachChangesKindAndNoDerivedFields() throws Exception {
        PortPlan port = new PortPlan(
                "orders",
                "orders-contract",
                "1.0.0",
                "local",
                "local",
                "data/orders",
                new dev.meshsdk.plan.PortState(false, "none", java.util.Map.of()),
                List.of(
                        new Change.Grant("orders", "analytics", "SELECT"),
                        new Change.Refused("orders", "a reason", "what to do")));
        ProductPlan product = new ProductPlan("orders", "Orders", "1.0.0", "abc", null, List.of(), List.of(port));
        DeploymentPlan plan = new DeploymentPlan(
                DeploymentPlan.FORMAT_VERSION, "dev", Instant.parse("2026-12-06T00:00:00Z"), List.of(product));
        String json = Mesh.toJson(plan);
        assertThat(json)
                .contains("\"kind\" : \"grant\"", "\"kind\" : \"refused\"")
                .doesNotContain("hasChanges", "\"refusals\"", "\"summary\"", "\"symbol\"");
        Path file = Files.createTempFile("plan", ".json");
        Mesh.writePlan(plan, file);
        assertThat(Mesh.readPlan(file)).isEqualTo(plan);
    }

    private static void check(AnnotatedElement e, String where, List<String> found) {
        for (Annotation a : e.getDeclaredAnnotations()) {
            String pkg = a.annotationType().getPackageName();
            if (!pkg.startsWith("java.") && !pkg.startsWith("dev.meshsdk"))
                found.add(where + ": @" + a.annotationType().getName());
        }
    }

    private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(
                Change.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains(".internal.") || name.endsWith("module-info") || name.endsWith("package-info"))
                    continue;
                out.add(Class.forName(name, false, PublicApiTest.class.getClassLoader()));
            }
        }
        assertThat(out).as("sdk-core's classes").hasSizeGreaterThan(50);
        return out;
    }
}
