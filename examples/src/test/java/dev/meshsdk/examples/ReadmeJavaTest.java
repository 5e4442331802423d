package dev.meshsdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile and run as written, on a copy of the quickstart: the deploy example of
 * "Using the SDK from Java", then the catalog example of "The mesh", which must find what the first deployed
 * (its {@code orElseThrow} fails otherwise). Each block is compiled with its own imports, wrapped in a method;
 * the only change is the quickstart's path, pointed at the copy. The publish and check example needs
 * {@code mesh-spark}, which this module does not load; the spark module's tests run that API.
 */
class ReadmeJavaTest {
    private static final Path BASEDIR =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path README = BASEDIR.resolveSibling("README.md");
    private static final Path QUICKSTART = BASEDIR.resolve("quickstart");

    @TempDir
    Path temp;

    @Test
    void theDeployAndCatalogExamplesRunAsWritten() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String deploy = javaBlock(readme, "## Using the SDK from Java", "mesh.deploy(");
        String catalog = javaBlock(readme, "## The mesh", "mesh.catalog()");
        Path project = QuickstartTest.copyOf(QUICKSTART, temp.resolve("quickstart"));

        run("ReadmeDeploy", deploy, project);
        assertThat(project.resolve("target/mesh/registry"))
                .as("the example uses the registry the POM configures")
                .isDirectoryRecursivelyContaining("glob:**/orders*");
        assertThat(project.resolve("target/mesh/data/orders"))
                .isDirectoryRecursivelyContaining("glob:**/_delta_log/*.json");

        run("ReadmeCatalog", catalog, project);
    }

    /** The first {@code java} block after {@code heading} that contains {@code marker}. */
    private static String javaBlock(String readme, String heading, String marker) {
        int from = readme.indexOf("\n" + heading);
        assertThat(from).as("README has the heading " + heading).isGreaterThanOrEqualTo(0);
        int at = from;
        while (true) {
            int start = readme.indexOf("```java\n", at);
            assertThat(start)
                    .as("a java block with " + marker + " after " + heading)
                    .isGreaterThanOrEqualTo(0);
            int end = readme.indexOf("\n```", start + 8);
            String block = readme.substring(start + 8, end + 1);
            if (block.contains(marker)) return block;
            at = end + 4;
        }
    }

    /** Compiles the block as a class of its imports and one method holding the rest, and runs it. */
    private void run(String name, String block, Path project) throws Exception {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : block.split("\n")) (line.startsWith("import ") ? imports : body).add(line);
        String code = String.join("\n", body)
                .replace(
                        "Path.of(\"examples/quickstart\")",
                        "Path.of(\"" + project.toString().replace("\\", "\\\\") + "\")");
        assertThat(code).as("the example names the quickstart's folder").contains(project.toString());
        String source = String.join("\n", imports) + "\npublic class " + name + " implements Runnable {\n"
                + "  public void run() {\n    try {\n" + code + "\n    } catch (Exception e) {\n"
                + "      throw new RuntimeException(e);\n    }\n  }\n}\n";
        Path src = Files.createDirectories(temp.resolve("src")).resolve(name + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(temp.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(problems, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(
                            null,
                            files,
                            problems,
                            List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
                            null,
                            files.getJavaFileObjects(src.toFile()))
                    .call();
            assertThat(compiled)
                    .as("the README's example compiles as written:\n"
                            + problems.getDiagnostics().stream()
                                    .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                                    .collect(Collectors.joining("\n"))
                            + "\n" + source)
                    .isTrue();
        }
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            ((Runnable) loader.loadClass(name).getDeclaredConstructor().newInstance()).run();
        }
    }
}
