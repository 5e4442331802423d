package dev.meshsdk.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/**
 * Where OpenLineage events go. Implementations send the events in the order given and stop at the first
 * that cannot be delivered, throwing a {@link dev.meshsdk.MeshException} that names the destination and
 * what went wrong, never a secret. An instance is used from one thread at a time.
 */
public interface LineageTransport {

    /**
     * Delivers the events, in order.
     *
     * @throws dev.meshsdk.MeshException {@code INVALID_CONFIGURATION} when the destination refuses them for a
     *         reason the user fixes (a wrong URL or token), {@code STORAGE_FAILURE} when it cannot be reached,
     *         fails or cannot be written, {@code INTERNAL} when it rejects an event as malformed
     */
    void send(List<? extends JsonNode> events);

    /**
     * Appends the events to a file as JSON lines (one event per line, UTF-8), creating the file and its
     * folders when missing, as OpenLineage's own file transport does.
     */
    static LineageTransport file(Path file) {
        return new FileLineageTransport(file, false);
    }

    /**
     * Writes the events to a file as JSON lines, replacing what it held: a snapshot of the catalog's events, as
     * {@code mesh:export} writes it, so that exporting twice does not list every event twice. The lines go to a
     * temporary file beside it, moved into place once all are written.
     */
    static LineageTransport snapshotFile(Path file) {
        return new FileLineageTransport(file, true);
    }

    /**
     * Posts each event to an OpenLineage HTTP endpoint, by default {@code <url>/api/v1/lineage} as Marquez
     * serves it, with the endpoint's bearer token and timeout.
     */
    static LineageTransport http(LineageEndpoint endpoint) {
        return new HttpLineageTransport(
                endpoint,
                HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build());
    }
}
