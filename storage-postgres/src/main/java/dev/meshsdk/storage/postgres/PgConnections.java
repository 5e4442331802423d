package dev.meshsdk.storage.postgres;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import dev.meshsdk.storage.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Connects to the PostgreSQL server a server entry names ({@code host}, {@code port}, {@code database}).
 * Credentials come from {@link AdapterContext#secrets()} under the server's {@code credentialsId} custom
 * property or, failing that, its name; else from the configuration keys {@code <prefix>.user} and
 * {@code <prefix>.password}. Host and database are checked before they go into the JDBC URL, so a
 * descriptor cannot smuggle driver parameters into it.
 */
final class PgConnections implements ConnectionSource {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9._-]{1,253}$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_.-]{1,63}$");

    private final AdapterContext context;
    private final String prefix;

    PgConnections(AdapterContext context, String prefix) {
        this.context = context;
        this.prefix = prefix;
    }

    @Override
    public Connection open(Server server) throws SQLException {
        String url = url(server);
        Properties props = new Properties();
        Secrets.Credential credential = credential(server);
        props.setProperty("user", credential.username());
        if (credential.secret() != null) props.setProperty("password", credential.secret());
        props.setProperty("ApplicationName", "mesh-sdk");
        props.setProperty("connectTimeout", context.setting(prefix + ".connectTimeoutSeconds").orElse("10"));
        return DriverManager.getConnection(url, props);
    }

    String url(Server server) {
        String host = server.setting("host").orElse("localhost");
        String port = server.setting("port").orElse("5432");
        String database = server.setting("database").orElseThrow(() -> invalid(server,
                "the server has no 'database'; add database: <name> to the server entry"));
        if (!HOST.matcher(host).matches()) {
            throw invalid(server, "host '" + host + "' is not a host name or address; fix the server entry");
        }
        if (!port.matches("^\\d{1,5}$")) {
            throw invalid(server, "port '" + port + "' is not a port number; fix the server entry");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw invalid(server, "database '" + database + "' holds characters a database name may not; fix"
                    + " the server entry");
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private Secrets.Credential credential(Server server) {
        String id = server.customProperty("credentialsId").map(String::valueOf).orElse(server.server());
        Optional<Secrets.Credential> found = id == null ? Optional.empty() : context.secrets().credential(id);
        if (found.isPresent()) return found.get();
        Optional<String> user = context.setting(prefix + ".user");
        if (user.isPresent()) return new Secrets.Credential(user.get(), context.setting(prefix + ".password").orElse(null));
        throw invalid(server, "no credentials were found under id '" + id + "'; add a server with that id to"
                + " Maven's settings.xml, set the server's credentialsId custom property, or set " + prefix
                + ".user");
    }

    private MeshException invalid(Server server, String reason) {
        return new MeshException(ErrorCode.INVALID_CONFIGURATION, "Cannot connect to server '" + server.server()
                + "' (" + describe(server) + "): " + reason);
    }

    @Override
    public String describe(Server server) {
        return server.setting("host").orElse("localhost") + ":" + server.setting("port").orElse("5432") + "/"
                + server.setting("database").orElse("?");
    }
}
