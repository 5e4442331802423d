package dev.meshsdk.internal.descriptor;

import dev.meshsdk.ContractSource;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import dev.meshsdk.model.IdRule;
import dev.meshsdk.model.InputPort;
import dev.meshsdk.model.MajorVersionStatus;
import dev.meshsdk.model.OutputPort;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks one product needs on its own and with its own contracts: versions, duplicate ports, references. A
 * contract's {@code dataProduct} is checked with the whole project, which knows the other products
 * ({@link MeshChecks}).
 */
final class ProductChecks {
    private ProductChecks() {}

    /** Checks that need only the product file. */
    static void check(DataProduct p, Path file, Problems problems) {
        IdChecks.check(p.id(), "product", file, problems);
        String what = "Cannot read product " + Quoted.of(p.id()) + ": ";
        semver(p.version(), "/version", what + "version", file, problems);
        Map<String, Integer> outputs = new HashMap<>();
        for (int i = 0; i < p.outputPorts().size(); i++) {
            OutputPort o = p.outputPorts().get(i);
            String ptr = Pointers.child("/outputPorts", i);
            semver(
                    o.version(),
                    Pointers.child(ptr, "version"),
                    what + "output port " + Quoted.of(o.name()) + " version",
                    file,
                    problems);
            unique(outputs, o.name(), o.version(), i, "output port", what, ptr, file, problems);
        }
        Map<String, Integer> inputs = new HashMap<>();
        for (int i = 0; i < p.inputPorts().size(); i++) {
            InputPort in = p.inputPorts().get(i);
            String ptr = Pointers.child("/inputPorts", i);
            semver(
                    in.version(),
                    Pointers.child(ptr, "version"),
                    what + "input port " + Quoted.of(in.name()) + " version",
                    file,
                    problems);
            unique(inputs, in.name(), in.version(), i, "input port", what, ptr, file, problems);
            readers(in, ptr, file, problems);
        }
    }

    /**
     * The input port's {@code readers} custom property, which usage reports act on: the principals the consumer
     * reads with, as a list of names or one text of names separated by commas; a mapping or a nested list would be
     * read as one odd name.
     */
    private static void readers(InputPort in, String ptr, Path file, Problems problems) {
        List<dev.meshsdk.model.CustomProperty> props = in.customProperties();
        for (int j = 0; j < props.size(); j++) {
            if (!"readers".equals(props.get(j).property())) continue; // ConsumerReading.READERS
            Object v = props.get(j).value();
            if (v == null) continue; // not read
            List<?> items = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
            for (int k = 0; k < items.size(); k++) {
                Object item = items.get(k);
                if (item instanceof String || item instanceof Number) continue;
                String at = Pointers.child(Pointers.child(Pointers.child(ptr, "customProperties"), j), "value");
                problems.error(
                        "MESH-USAGE",
                        file,
                        v instanceof List<?> ? Pointers.child(at, k) : at,
                        "Cannot read the readers of input port " + Quoted.of(in.name()) + ": "
                                + (item == null ? "an entry is empty" : "an entry is not a name"),
                        "write the principals the consumer reads with, e.g. 'value: [analyst, etl_user]' or"
                                + " 'value: analyst, etl_user'");
            }
        }
    }

    /**
     * The contract files of a product folder that could not be read (their own errors say why), with the ids
     * they probably declare. A port naming one of them is not also reported as naming a missing contract;
     * while a file's id cannot be told at all, no port is.
     */
    record Unreadable(Set<String> ids, boolean someWithoutId) {
        Unreadable {
            ids = Set.copyOf(ids);
        }

        boolean mayDeclare(String id) {
            return someWithoutId || ids.contains(id);
        }
    }

    /**
     * Checks between a product and the contracts in its own {@code contracts/} folder; {@code unreadable} are
     * the folder's files that could not be read as contracts.
     */
    static void checkContracts(
            DataProduct p, Path file, List<ContractSource> contracts, Unreadable unreadable, Problems problems) {
        Set<String> referenced = new HashSet<>();
        // a contract whose id breaks the id rule has that one error: it is not suggested, named missing or unused
        List<String> invalidIds = contracts.stream()
                .map(c -> c.contract().id())
                .filter(id -> id != null && !IdRule.isValid(id))
                .toList();
        for (int i = 0; i < p.outputPorts().size(); i++) {
            OutputPort o = p.outputPorts().get(i);
            String ptr = Pointers.child("/outputPorts", i);
            if (o.contractId() == null) {
                problems.warning(
                        "MESH-REF",
                        file,
                        ptr,
                        "Output port " + Quoted.of(o.name()) + " names no contract, so nothing is deployed for it",
                        "add 'contractId:' naming a contract in contracts/");
                continue;
            }
            referenced.add(o.contractId());
            ContractSource source = find(contracts, o.contractId());
            if (source == null && (unreadable.mayDeclare(o.contractId()) || mayBeMeant(o.contractId(), invalidIds)))
                continue;
            if (source == null) {
                problems.error(
                        "MESH-REF",
                        file,
                        Pointers.child(ptr, "contractId"),
                        "Cannot find contract " + Quoted.of(o.contractId()) + " of output port " + Quoted.of(o.name())
                                + " in " + file.resolveSibling("contracts"),
                        "add contracts/<name>.yaml with 'id: " + Quoted.shown(o.contractId())
                                + "', or fix the contractId" + suggestion(o.contractId(), contracts));
                continue;
            }
            DataContract c = source.contract();
            if (o.version() != null
                    && c.version() != null
                    && Semver.major(o.version()) != null
                    && Semver.major(c.version()) != null
                    && !Semver.major(o.version()).equals(Semver.major(c.version()))) {
                problems.warning(
                        "MESH-SEMVER",
                        file,
                        Pointers.child(ptr, "version"),
                        "Output port " + Quoted.of(o.name()) + " version "
                                + Quoted.of(o.version()) + " has another major version than its contract "
                                + Quoted.of(c.id())
                                + " (" + Quoted.shown(c.version()) + ")",
                        "keep the port's major version equal to the contract's");
            }
            majorVersions(
                    o,
                    ptr,
                    c.version() == null ? null : dev.meshsdk.spi.PortBinding.majorOf(c.version()),
                    file,
                    problems);
        }
        for (ContractSource c : contracts) {
            String id = c.contract().id();
            if (id != null && IdRule.isValid(id) && !referenced.contains(id)) {
                problems.warning(
                        "MESH-REF",
                        c.file(),
                        "/id",
                        "Contract " + Quoted.of(c.contract().id()) + " is not used by any output port of product "
                                + Quoted.of(p.id()),
                        "reference it from an output port's contractId, or remove the file");
            }
        }
        for (int i = 0; i < p.inputPorts().size(); i++) {
            InputPort in = p.inputPorts().get(i);
            if (in.contractId() != null && find(contracts, in.contractId()) != null) {
                problems.error(
                        "MESH-REF",
                        file,
                        Pointers.child(Pointers.child("/inputPorts", i), "contractId"),
                        "Cannot consume contract " + Quoted.of(in.contractId()) + " in input port "
                                + Quoted.of(in.name()) + ": it is this product's own contract",
                        "an input port must name another product's output contract");
            }
        }
    }

    /**
     * The output port's {@code majorVersions} custom property: well-formed, each major version once, and only
     * versions older than the contract's ({@code major}): the version deployed has its status in its contract.
     */
    private static void majorVersions(OutputPort o, String ptr, Integer major, Path file, Problems problems) {
        List<dev.meshsdk.model.CustomProperty> props = o.customProperties();
        for (int j = 0; j < props.size(); j++) {
            if (!props.get(j).property().equals(MajorVersionStatus.PROPERTY)) continue;
            String at = Pointers.child(Pointers.child(Pointers.child(ptr, "customProperties"), j), "value");
            String what =
                    "Cannot read " + MajorVersionStatus.PROPERTY + " of output port " + Quoted.of(o.name()) + ": ";
            MajorVersionStatus.Parsed parsed =
                    MajorVersionStatus.parse(props.get(j).value());
            for (MajorVersionStatus.Problem x : parsed.problems()) {
                problems.error(
                        "MESH-VERSIONS",
                        file,
                        at + x.pointer(),
                        what + x.message(),
                        "write entries such as '- {major: 1, status: retired, sunset: 2026-11-30}'");
            }
            Set<Integer> seen = new HashSet<>();
            List<MajorVersionStatus> statuses = parsed.statuses();
            for (int k = 0; k < statuses.size(); k++) {
                MajorVersionStatus v = statuses.get(k);
                if (!seen.add(v.major())) {
                    problems.error(
                            "MESH-VERSIONS",
                            file,
                            at,
                            what + "major version " + v.major() + " is listed twice",
                            "keep one entry per major version");
                } else if (major != null && v.major() >= major) {
                    problems.error(
                            "MESH-VERSIONS",
                            file,
                            at,
                            what + "major version " + v.major() + " is not older than" + " the contract's version "
                                    + major,
                            "declare only older major versions here; the version"
                                    + " deployed takes its status from the contract's 'status' and 'sunset' custom property");
                }
            }
        }
    }

    /** Whether a port's contract id is most likely what one of the invalid ids is meant to be. */
    private static boolean mayBeMeant(String contractId, List<String> invalidIds) {
        for (String id : invalidIds) if (contractId.equals(IdRule.closestValid(id))) return true;
        return Suggestions.closest(contractId, invalidIds) != null;
    }

    private static String suggestion(String id, List<ContractSource> contracts) {
        String guess = Suggestions.closest(
                id,
                contracts.stream()
                        .map(c -> c.contract().id())
                        .filter(c -> c != null && IdRule.isValid(c))
                        .toList());
        return guess == null ? "" : "; perhaps you meant '" + guess + "'";
    }

    private static ContractSource find(List<ContractSource> contracts, String id) {
        for (ContractSource c : contracts) if (id.equals(c.contract().id())) return c;
        return null;
    }

    private static void semver(String version, String pointer, String what, Path file, Problems problems) {
        if (version != null && !Semver.valid(version)) {
            problems.error(
                    "MESH-SEMVER",
                    file,
                    pointer,
                    what + " " + Quoted.of(version) + " is not a semantic version",
                    "write MAJOR.MINOR.PATCH, e.g. '1.0.0'");
        }
    }

    private static void unique(
            Map<String, Integer> seen,
            String name,
            String version,
            int index,
            String what,
            String prefix,
            String pointer,
            Path file,
            Problems problems) {
        if (name == null) return;
        Integer first = seen.putIfAbsent(name + "\u0000" + version, index);
        if (first != null) {
            problems.error(
                    "MESH-DUP",
                    file,
                    Pointers.child(pointer, "name"),
                    prefix + what + " " + Quoted.of(name) + " version " + Quoted.of(version)
                            + " is declared twice (also at index " + first + ")",
                    "give each " + what + " a distinct name or version");
        }
    }
}
