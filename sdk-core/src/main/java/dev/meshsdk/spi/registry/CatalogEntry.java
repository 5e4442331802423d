package dev.meshsdk.spi.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A product as the catalog keeps it for one environment: who owns it, what it offers and where, what it
 * consumes (resolved to the producers' ports: the lineage), and its descriptors as deployed. Holds no
 * credential and no row data.
 *
 * @param status      the product's ODPS status: {@code proposed}, {@code draft}, {@code active},
 *                    {@code deprecated} or {@code retired}
 * @param outputPorts one entry per output port and live contract major version: a port whose contract
 *                    went from major 1 to 2 is listed twice while its version-1 table is still served
 * @param descriptors the product and contract files as deployed, so that a consumer can bind to a port
 *                    without the producer's build
 */
public record CatalogEntry(
        String productId,
        String environment,
        String name,
        String version,
        String status,
        String domain,
        String tenant,
        List<String> tags,
        Owner owner,
        String description,
        List<Port> outputPorts,
        List<Input> inputPorts,
        List<Descriptor> descriptors,
        Instant updatedAt) {
    public CatalogEntry {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(environment, "environment");
        tags = tags == null ? List.of() : List.copyOf(tags);
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        inputPorts = inputPorts == null ? List.of() : List.copyOf(inputPorts);
        descriptors = descriptors == null ? List.of() : List.copyOf(descriptors);
    }

    /** The name shown to people: {@code name} if set, else the id. */
    public String displayName() {
        return name != null ? name : productId;
    }

    /** The owning team and its members. */
    public record Owner(String team, String description, List<Member> members) {
        public Owner {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** A member of the owning team; {@code role} is free text ("owner", "data steward", ...). */
    public record Member(String username, String name, String role) {}

    /**
     * One output port in one live contract major version.
     *
     * @param status     {@code active}, {@code deprecated} or {@code retired}: the status of this major
     *                   version (from the contract's {@code status}), not of the product
     * @param sunset     the date (ISO {@code yyyy-mm-dd}) after which a deprecated version may be retired,
     *                   if the producer set one
     * @param address    where the port lives, absolute and without credentials: {@code s3://bucket/prefix},
     *                   {@code postgresql://host:5432/db/schema}, {@code file:///...}
     * @param datasets   each table (schema object) of the port with its absolute address
     * @param contractFile the {@link Descriptor#path()} of this version's contract among the entry's
     *                   descriptors (an older major version keeps its own contract file)
     */
    public record Port(
            String name,
            String description,
            String version,
            String contractId,
            String contractVersion,
            int majorVersion,
            String status,
            String sunset,
            String server,
            String serverType,
            String address,
            List<Dataset> datasets,
            List<Column> columns,
            List<Sla> sla,
            List<Rule> quality,
            String contractFile) {
        public Port {
            Objects.requireNonNull(name, "name");
            datasets = datasets == null ? List.of() : List.copyOf(datasets);
            columns = columns == null ? List.of() : List.copyOf(columns);
            sla = sla == null ? List.of() : List.copyOf(sla);
            quality = quality == null ? List.of() : List.copyOf(quality);
        }

        /** Whether consumers may still read this version: it is not retired. */
        public boolean live() {
            return !"retired".equalsIgnoreCase(status);
        }
    }

    /** A table (schema object) of a port and its absolute address. */
    public record Dataset(String object, String address) {}

    /**
     * A column of a port's schema.
     *
     * @param subjectKey the kind of data subject the column identifies for erasure, when it is a subject key
     */
    public record Column(
            String object,
            String name,
            String logicalType,
            String physicalType,
            boolean required,
            boolean primaryKey,
            String description,
            String classification,
            String subjectKey) {}

    /** An SLA property of a port's contract, as text. */
    public record Sla(String property, String value, String unit, String element) {}

    /**
     * A quality rule of a port's contract, as the catalog lists it.
     *
     * @param scope     the object or {@code object.column} the rule is written on; the contract for a
     *                  contract-level rule
     * @param threshold the comparison as text ({@code mustBe 0}, {@code mustBeLessThan 5%})
     */
    public record Rule(
            String name,
            String scope,
            String type,
            String metric,
            String threshold,
            String severity,
            String description) {}

    /**
     * An input port, resolved to the producer's port when the build deployed it.
     *
     * @param producer      the id of the product whose port it consumes; null when it resolved to nothing
     * @param producerPort  the name of that output port
     * @param majorVersion  the major version of the consumed contract this product reads
     */
    public record Input(
            String name, String contractId, String version, String producer, String producerPort, int majorVersion) {}

    /** A descriptor file as deployed: its path relative to the product folder, and its text. */
    public record Descriptor(String path, String kind, String text) {
        public Descriptor {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
        }
    }
}
