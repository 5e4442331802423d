package dev.meshsdk.spark;

import dev.meshsdk.testkit.ProjectFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes small products for tests that deploy a whole mesh: the testkit's {@link ProjectFiles}, with this module's servers. */
final class MeshProjects {
    private MeshProjects() {}

    /** See {@link ProjectFiles#product}. */
    static Path product(Path products, String id, String contract, String input, String inputVersion)
            throws IOException {
        return ProjectFiles.product(products, id, contract, input, inputVersion);
    }

    /** See {@link ProjectFiles#contract}. */
    static String contract(String id, String version, String servers, String table, String properties) {
        return ProjectFiles.contract(id, version, servers, table, properties);
    }

    /** A {@code postgres} server of database {@code postgres} on localhost, credentials under {@link RestartablePostgres#CREDENTIALS_ID}. */
    static String postgresServer(int port, String schema) {
        return ProjectFiles.postgresServer(RestartablePostgres.CREDENTIALS_ID, port, schema);
    }

    /** A {@code local} Delta server at {@code path}. */
    static String localServer(String path) {
        return ProjectFiles.localServer(path);
    }
}
