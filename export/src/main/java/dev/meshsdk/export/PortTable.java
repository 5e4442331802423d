package dev.meshsdk.export;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.QualityRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of one output port (in one contract major version) of a catalog entry, with its columns and
 * its address named for the export targets: the unit both exports describe.
 */
record PortTable(
        CatalogEntry entry,
        CatalogEntry.Port port,
        String object,
        DatasetAddress address,
        List<CatalogEntry.Column> columns) {

    /**
     * The tables of a port: one per {@link CatalogEntry.Dataset}, or the port's own address when it lists
     * none; a port with neither has no table to export.
     *
     * @throws MeshException {@code REGISTRY_FAILURE} when an address kept in the catalog is not absolute
     */
    static List<PortTable> of(CatalogEntry entry, CatalogEntry.Port port) {
        List<PortTable> out = new ArrayList<>();
        if (port.datasets().isEmpty()) {
            if (port.address() != null) out.add(table(entry, port, port.name(), port.address()));
            return out;
        }
        for (CatalogEntry.Dataset d : port.datasets()) {
            if (d.address() != null)
                out.add(table(entry, port, d.object() != null ? d.object() : port.name(), d.address()));
        }
        return out;
    }

    /** The tables of every live (not retired) output port of an entry, every major version. */
    static List<PortTable> live(CatalogEntry entry) {
        List<PortTable> out = new ArrayList<>();
        for (CatalogEntry.Port p : entry.outputPorts()) {
            if (p.live()) out.addAll(of(entry, p));
        }
        return out;
    }

    private static PortTable table(CatalogEntry entry, CatalogEntry.Port port, String object, String address) {
        DatasetAddress parsed;
        try {
            parsed = DatasetAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new MeshException(
                    ErrorCode.REGISTRY_FAILURE,
                    "Cannot export port '" + port.name() + "' of product '"
                            + entry.productId() + "' in '" + entry.environment()
                            + "': the catalog keeps its address as "
                            + e.getMessage()
                            + "; deploy the product again so that the registry records an absolute address",
                    e);
        }
        // a column without an object belongs to the port's only table
        List<CatalogEntry.Column> columns = port.columns().stream()
                .filter(c -> object.equals(c.object())
                        || (c.object() == null && port.datasets().size() <= 1))
                .toList();
        return new PortTable(entry, port, object, parsed, columns);
    }

    /**
     * Where a quality result applies on this table: {@link Scope#TABLE}, a column, or {@link Scope#OTHER}
     * when it was written on another table of the port. A result without a scope, or scoped to the contract,
     * applies to every table of the port.
     */
    Scope scopeOf(QualityRecord.Result result) {
        String scope = result.scope();
        if (scope == null || scope.isBlank() || scope.equals(object)) return Scope.TABLE;
        if (scope.startsWith(object + ".")) return Scope.column(scope.substring(object.length() + 1));
        boolean another = port.datasets().stream()
                .map(CatalogEntry.Dataset::object)
                .anyMatch(o -> o != null && (scope.equals(o) || scope.startsWith(o + ".")));
        return another ? Scope.OTHER : Scope.TABLE;
    }

    /** Where a result applies; {@code column} is null for the whole table. */
    record Scope(boolean applies, String column) {
        static final Scope TABLE = new Scope(true, null);
        static final Scope OTHER = new Scope(false, null);

        static Scope column(String name) {
            return new Scope(true, name);
        }
    }
}
