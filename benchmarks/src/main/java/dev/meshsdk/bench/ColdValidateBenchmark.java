package dev.meshsdk.bench;

import dev.meshsdk.Mesh;
import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.internal.descriptor.ColdPieces;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * What a user's {@code mvn mesh:validate} pays: validating 1,000 generated products (3,000 files) in a fresh
 * JVM. Each row starts several JVMs (the median is printed); each builds a {@link Mesh} and validates once.
 * Wall time is measured around the process, CPU time from the kernel's account of the finished child
 * ({@code /proc/self/stat}), the rest is reported by the child. A second kind of child times the pieces in
 * turn (reading the schemas, YAML parsing of every file, building the Mesh, then the validation that is left, and
 * last the compilation of the schemas for the full validator, which only a document with problems needs),
 * which says where the cold time goes. Nothing here asserts a time.
 *
 * <p>System properties: {@code bench.products} (1000), {@code bench.jvms} (5 per row), {@code bench.before}
 * (the classes or jars of the modules of a commit to compare with, put first on the class path for a "before" row;
 * several rows as {@code label=classpath|label=classpath}).
 */
public final class ColdValidateBenchmark {
    private static final String RESULT = "COLD-RESULT ";

    private ColdValidateBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Long.parseLong(args[2]), Boolean.parseBoolean(args[3]));
            return;
        }
        int products = Integer.getInteger("bench.products", 1000);
        int jvms = Integer.getInteger("bench.jvms", 5);
        String before = System.getProperty("bench.before");
        Path work = Files.createTempDirectory("mesh-cold");
        Path root = Files.createDirectories(work.resolve("products"));
        ProductGenerator.generate(root, products);
        // a plugin's class path is jars; AppCDS on JDK 17 also archives only classes from jars
        String cp = jarred(System.getProperty("java.class.path"), work.resolve("cp"));
        System.out.printf(
                "%n== mesh validate of %d products (%d files) in a fresh JVM: median of %d JVMs ==%n",
                products, products * 3, jvms);
        System.out.println("load at start: " + load());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> befores = new ArrayList<>();
        if (before != null && !before.isBlank()) {
            // "label=classpath|label=classpath", or one class path (labelled "before")
            int n = 0;
            for (String entry : before.split("\\|")) {
                String[] labelled = entry.split("=", 2);
                String label = labelled.length == 2 ? labelled[0] : "before (bench.before)";
                String classes = labelled.length == 2 ? labelled[1] : entry;
                rows.put(label, List.of("-cp", jarred(classes, work.resolve("before" + n++)) + ":" + cp));
                befores.add(label);
            }
        }
        rows.put("after", List.of("-cp", cp));
        rows.put("after, C1 only", List.of("-XX:TieredStopAtLevel=1", "-cp", cp));
        Path archive = work.resolve("mesh-validate.jsa");
        run(
                List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", cp),
                root,
                false); // the training run that writes the archive
        rows.put("after + AppCDS", List.of("-XX:SharedArchiveFile=" + archive, "-cp", cp));
        rows.put(
                "after + AppCDS, C1 only",
                List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-cp", cp));

        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        // the rows take turns, so that a change of load touches them alike
        Map<String, List<Map<String, Double>>> samples = new LinkedHashMap<>();
        for (int i = 0; i < jvms; i++) {
            for (var row : rows.entrySet()) {
                samples.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(run(row.getValue(), root, false));
            }
        }
        samples.forEach((k, v) -> medians.put(k, median(v)));
        // jit ms: the JIT's own account (its threads' wall time); jit cpu: the CPU time of the C1 and C2 threads
        System.out.printf(
                "%-26s %9s %9s %8s %8s %9s %8s %7s %7s %6s%n",
                "", "wall ms", "cpu ms", "to main", "build", "validate", "classes", "jit ms", "jit cpu", "gc ms");
        medians.forEach((k, m) -> System.out.printf(
                "%-26s %9.0f %9.0f %8.0f %8.0f %9.0f %8.0f %7.0f %7.0f %6.0f%n",
                k,
                m.get("wall"),
                m.get("cpu"),
                m.get("toMain"),
                m.get("build"),
                m.get("validate"),
                m.get("classes"),
                m.get("jit"),
                m.getOrDefault("cpu.c1", 0.0) + m.getOrDefault("cpu.c2", 0.0),
                m.get("gc")));
        Map<String, Double> goal = medians.get("after");
        System.out.printf(
                "goal 2000 ms: after is %.2fx of it in wall time, %.2fx in CPU time%n",
                goal.get("wall") / 2000, goal.get("cpu") / 2000);
        for (String b : befores) {
            Map<String, Double> m = medians.get(b);
            System.out.printf(
                    "after against %s: %.2fx the wall time, %.2fx the CPU time%n",
                    b, goal.get("wall") / m.get("wall"), goal.get("cpu") / m.get("cpu"));
        }

        List<Map<String, Double>> pieces = new ArrayList<>();
        for (int i = 0; i < jvms; i++) pieces.add(run(List.of("-cp", cp), root, true));
        Map<String, Double> p = median(pieces);
        System.out.printf(
                "%nwhere the cold time of 'after' goes (pieces in turn in one fresh JVM, median of %d):%n", jvms);
        System.out.printf("%-44s %9s %9s %8s%n", "", "wall ms", "cpu ms", "classes");
        piece(p, "JVM start to main", "toMain", null, null);
        piece(p, "read the ODPS and ODCS schemas (raw trees)", "schemas", "schemasCpu", "schemasClasses");
        piece(p, "read and parse the 3,000 YAML files", "parse", "parseCpu", "parseClasses");
        piece(p, "build the Mesh (plugin discovery)", "build", "buildCpu", "buildClasses");
        piece(p, "the first validate, after these", "validate", "validateCpu", "validateClasses");
        piece(p, "  of which: descriptors read and checked", "phase.validate", null, null);
        piece(p, "  of which: the governance pack (rego)", "phase.policy", null, null);
        piece(p, "compile the schemas for the full validator", "compile", "compileCpu", "compileClasses");
        System.out.printf("  (only a project with a document the quick check does not pass pays this)%n");
        System.out.printf(
                "%-44s %9.0f (the compilers' own account, summed over their threads: it can exceed the wall time;"
                        + " GC %.0f ms)%n",
                "JIT compilation (all stages)", p.get("jit"), p.get("gc"));
        if (p.get("cpu.app") != null) {
            System.out.printf(
                    "CPU time by thread (ms): application and JVM %.0f, C1 compiler %.0f, C2 compiler %.0f,"
                            + " garbage collector %.0f%n",
                    p.get("cpu.app"), p.get("cpu.c1"), p.get("cpu.c2"), p.get("cpu.gc"));
        }
        System.out.println("load at end: " + load());
    }

    private static void piece(Map<String, Double> p, String what, String wall, String cpu, String classes) {
        if (p.get(wall) == null) return; // a phase the Mesh did not report
        System.out.printf(
                "%-44s %9.0f %9s %8s%n",
                what,
                p.get(wall),
                cpu == null ? "" : String.format(Locale.ROOT, "%.0f", p.get(cpu)),
                classes == null ? "" : String.format(Locale.ROOT, "%.0f", p.get(classes)));
    }

    /** Starts one fresh JVM and returns its figures: wall and CPU time measured here, the rest its own. */
    private static Map<String, Double> run(List<String> jvmArgs, Path root, boolean pieces) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.addAll(jvmArgs);
        cmd.add(ColdValidateBenchmark.class.getName());
        long cpu0 = childrenCpuMillis();
        long t0 = System.nanoTime();
        cmd.addAll(
                List.of("child", root.toString(), Long.toString(System.currentTimeMillis()), Boolean.toString(pieces)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        long wall = System.nanoTime() - t0;
        long cpu = childrenCpuMillis() - cpu0;
        if (exit != 0 || !out.contains(RESULT)) throw new IllegalStateException("the child JVM failed:\n" + out);
        Map<String, Double> figures = new LinkedHashMap<>();
        String line = out.substring(out.indexOf(RESULT) + RESULT.length())
                .lines()
                .findFirst()
                .orElseThrow();
        for (String kv : line.split(" ")) {
            String[] f = kv.split("=");
            figures.put(f[0], Double.parseDouble(f[1]));
        }
        figures.put("wall", wall / 1e6);
        // without /proc, the child's own account (which misses the JVM's start and exit)
        figures.put("cpu", cpu >= 0 ? (double) cpu : figures.get("ownCpu"));
        return figures;
    }

    /** The child: builds a Mesh and validates every product once (after timing the pieces when asked). */
    private static void child(Path root, long launchedAtMillis, boolean pieces) throws Exception {
        long toMain = System.currentTimeMillis() - launchedAtMillis;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("toMain", toMain);
        List<Path> dirs = Mesh.productDirectories(root);
        if (pieces) {
            stage(f, "schemas", ColdPieces::readSchemas);
            List<Path> files = new ArrayList<>();
            for (Path d : dirs) {
                files.add(d.resolve("product.yaml"));
                try (Stream<Path> s = Files.list(d.resolve("contracts"))) {
                    s.sorted().forEach(files::add);
                }
            }
            stage(f, "parse", () -> {
                if (ColdPieces.parse(files) != 0) throw new IllegalStateException("a generated file did not parse");
                return null;
            });
        }
        Mesh[] mesh = new Mesh[1];
        // the Mesh's phases: "validate" reads and checks the descriptors, "policy" runs the governance pack
        f.put("phase.validate", 0.0);
        f.put("phase.policy", 0.0);
        stage(
                f,
                "build",
                () -> mesh[0] = Mesh.builder()
                        .baseDirectory(root)
                        .listener(e -> {
                            if (e instanceof MeshEvent.PhaseFinished p)
                                f.put("phase." + p.phase(), p.took().toNanos() / 1e6);
                        })
                        .build());
        try (Mesh m = mesh[0]) {
            stage(f, "validate", () -> {
                ValidationReport report = m.validate(dirs);
                if (report.hasErrors())
                    throw new IllegalStateException("generated products are invalid:\n" + report.format());
                return null;
            });
        }
        f.put("classes", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        f.put("jit", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        f.put(
                "gc",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                        .sum());
        f.put("ownCpu", processCpuNanos() / 1_000_000);
        threadCpu(f);
        // what a project with a document the quick check does not pass pays on top: the full validator's schemas
        // (timed last, outside the figures above)
        if (pieces) stage(f, "compile", ColdPieces::compileSchemas);
        StringBuilder line = new StringBuilder(RESULT);
        f.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        System.out.println(line.toString().strip());
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static void stage(Map<String, Object> f, String name, Work work) throws Exception {
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long cpu = processCpuNanos();
        long t0 = System.nanoTime();
        work.run();
        f.put(name, (System.nanoTime() - t0) / 1_000_000.0);
        f.put(name + "Cpu", (processCpuNanos() - cpu) / 1_000_000.0);
        f.put(name + "Classes", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classes);
    }

    /**
     * The CPU time of this JVM's threads so far by kind, from {@code /proc/self/task}: the JIT compilers (C1, C2),
     * the garbage collector, and the rest (the application and the JVM's other threads); nothing without /proc.
     */
    private static void threadCpu(Map<String, Object> f) {
        Map<String, Long> ticks = new LinkedHashMap<>(Map.of("cpu.c1", 0L, "cpu.c2", 0L, "cpu.gc", 0L, "cpu.app", 0L));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] t = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                String kind = name.startsWith("C2 Compiler")
                        ? "cpu.c2"
                        : name.startsWith("C1 Compiler")
                                ? "cpu.c1"
                                : name.startsWith("GC ") || name.startsWith("G1 ") ? "cpu.gc" : "cpu.app";
                ticks.merge(kind, Long.parseLong(t[11]) + Long.parseLong(t[12]), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        ticks.forEach((k, v) -> f.put(k, v * 10)); // USER_HZ is 100 on Linux
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system CPU of the children this process has waited for, in ms; -1 without /proc. */
    private static long childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name (in parentheses): cutime and cstime are fields 16 and 17
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, Double> median(List<Map<String, Double>> runs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : runs.get(0).keySet()) {
            double[] v = runs.stream().mapToDouble(r -> r.get(k)).toArray();
            Arrays.sort(v);
            m.put(k, v[v.length / 2]);
        }
        return m;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The class path with each directory replaced by a jar of it, as a user's Maven has only jars. */
    private static String jarred(String classPath, Path into) throws IOException {
        Files.createDirectories(into);
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                out.add(entry);
                continue;
            }
            Path jar = into.resolve(out.size() + ".jar");
            try (OutputStream o = Files.newOutputStream(jar);
                    JarOutputStream j = new JarOutputStream(o);
                    Stream<Path> files = Files.walk(p)) {
                for (Path file :
                        (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    j.putNextEntry(new ZipEntry(p.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, j);
                    j.closeEntry();
                }
            }
            out.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
