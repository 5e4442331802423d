package dev.meshsdk.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ODCS v3 data contract ({@code contracts/*.yaml}): the schema, quality rules, SLA, roles and the
 * servers where a port lives per environment. Untyped sections (price, support, authoritative
 * definitions, ...) are kept in {@code extensions} and written back as read.
 */
public record DataContract(
        String apiVersion,
        String kind,
        String id,
        String name,
        String version,
        String status,
        String domain,
        String dataProduct,
        String tenant,
        Description description,
        List<Server> servers,
        List<SchemaObject> schema,
        List<Role> roles,
        List<SlaProperty> slaProperties,
        Team team,
        List<String> tags,
        List<CustomProperty> customProperties,
        Map<String, Object> extensions) {
    public DataContract {
        servers = Values.list(servers);
        schema = Values.list(schema);
        roles = Values.list(roles);
        slaProperties = Values.list(slaProperties);
        tags = Values.list(tags);
        customProperties = Values.list(customProperties);
        extensions = Values.map(extensions);
    }

    /**
     * The servers for one environment: those whose {@code environment} is that one or
     * {@value Server#EVERY_ENVIRONMENT} (see {@link Server#serves}). A server without {@code environment}
     * serves none; validation refuses such a server.
     */
    public List<Server> serversFor(String environment) {
        return servers.stream().filter(s -> s.serves(environment)).toList();
    }

    /** An SLA property by name, if declared. */
    public Optional<SlaProperty> sla(String property) {
        return slaProperties.stream().filter(p -> property.equals(p.property())).findFirst();
    }

    /** The value of a custom property, if present. */
    public Optional<Object> customProperty(String key) {
        return CustomProperties.find(customProperties, key);
    }
}
