package dev.meshsdk.storage.jdbc;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Connects through a JDBC driver to the server a server entry names ({@code host}, {@code port},
 * {@code database}), as {@code <scheme>//host:port/database}.
 * Credentials come from {@link AdapterContext#secrets()} under the server's {@code credentialsId} custom
 * property or, failing that, its name; else the configuration key {@code <prefix>.user} names a user that
 * logs in without a password from the SDK. Host and database are checked before they go into the JDBC URL, so a
 * descriptor cannot smuggle driver parameters into it. Configuration keys {@code <prefix>.jdbc.<name>} are
 * passed to the driver as properties ({@code mesh.redshift.jdbc.ssl=false}), except credential-like names.
 */
public final class ServerConnections implements ConnectionSource {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9._-]{1,253}$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_.-]{1,63}$");

    private final AdapterContext context;
    private final String prefix;
    private final String scheme;
    private final int defaultPort;

    /**
     * @param prefix      the configuration prefix of the adapter's keys ({@code mesh.postgres})
     * @param scheme      the JDBC URL scheme ({@code jdbc:postgresql:}, {@code jdbc:redshift:})
     * @param defaultPort the port when the server names none
     */
    public ServerConnections(AdapterContext context, String prefix, String scheme, int defaultPort) {
        this.context = context;
        this.prefix = prefix;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    @Override
    public Connection open(Server server) throws SQLException {
        String url = url(server);
        Properties props = new Properties();
        Secrets.Credential credential = credential(server);
        props.setProperty("user", credential.username());
        if (credential.secret() != null) props.setProperty("password", credential.secret());
        props.setProperty("ApplicationName", "mesh-sdk");
        props.setProperty(
                "connectTimeout",
                context.setting(prefix + ".connectTimeoutSeconds").orElse("10"));
        // Driver settings from the configuration, e.g. mesh.redshift.jdbc.ssl=false; never credentials.
        String driver = prefix + ".jdbc.";
        context.config().forEach((k, v) -> {
            if (k.startsWith(driver)
                    && !k.substring(driver.length())
                            .toLowerCase(java.util.Locale.ROOT)
                            .matches(".*(password|user|secret|token|key).*")) {
                props.setProperty(k.substring(driver.length()), v);
            }
        });
        return DriverManager.getConnection(url, props);
    }

    /** The JDBC URL of {@code server}, after checking host, port and database. */
    public String url(Server server) {
        String host = server.setting("host").orElse("localhost");
        String port = server.setting("port").orElse(String.valueOf(defaultPort));
        String database = server.setting("database")
                .orElseThrow(() ->
                        invalid(server, "the server has no 'database'; add database: <name> to the server entry"));
        if (!HOST.matcher(host).matches()) {
            throw invalid(server, "host '" + host + "' is not a host name or address; fix the server entry");
        }
        if (!port.matches("^\\d{1,5}$")) {
            throw invalid(server, "port '" + port + "' is not a port number; fix the server entry");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw invalid(
                    server,
                    "database '" + database + "' holds characters a database name may not; fix" + " the server entry");
        }
        return scheme + "//" + host + ":" + port + "/" + database;
    }

    private Secrets.Credential credential(Server server) {
        String id = server.customProperty("credentialsId").map(String::valueOf).orElse(server.server());
        Optional<Secrets.Credential> found =
                id == null ? Optional.empty() : context.secrets().credential(id);
        if (found.isPresent()) {
            if (found.get().username() != null && !found.get().username().isBlank()) return found.get();
            // a password alone: a configured user may go with it, else say which name is missing
            Optional<String> user = context.setting(prefix + ".user");
            if (user.isPresent())
                return new Secrets.Credential(user.get(), found.get().secret());
            String variable = Secrets.environmentVariable(id, "USERNAME");
            throw invalid(
                    server,
                    "the credential '" + id + "' has a password but no user name; add <username> to"
                            + " the settings.xml server '" + id + "', set " + variable + ", or set " + prefix
                            + ".user");
        }
        // The configuration never holds secrets: a user named there logs in without a password (trust,
        // peer, a client certificate or the driver's password file).
        Optional<String> user = context.setting(prefix + ".user");
        if (user.isPresent()) return new Secrets.Credential(user.get(), null);
        throw invalid(
                server,
                "no credentials were found under id '" + id + "'; add a server with that id to"
                        + " Maven's settings.xml, set the server's credentialsId custom property, or set " + prefix
                        + ".user");
    }

    private MeshException invalid(Server server, String reason) {
        return new MeshException(
                ErrorCode.INVALID_CONFIGURATION,
                "Cannot connect to server '" + server.server() + "' (" + describe(server) + "): " + reason);
    }

    /**
     * Usage targets by the database and login they are observed with (the server's address and its
     * {@code credentialsId} or name), each group with the first server entry naming it: one connection per group.
     */
    public java.util.Map<Server, java.util.List<dev.meshsdk.spi.usage.UsageTarget>> byLogin(
            java.util.List<dev.meshsdk.spi.usage.UsageTarget> targets) {
        java.util.Map<String, Server> servers = new java.util.HashMap<>();
        java.util.Map<Server, java.util.List<dev.meshsdk.spi.usage.UsageTarget>> out = new java.util.LinkedHashMap<>();
        for (dev.meshsdk.spi.usage.UsageTarget t : targets) {
            Server s = t.binding().server();
            String key = describe(s) + "|"
                    + s.customProperty("credentialsId").map(String::valueOf).orElse(String.valueOf(s.server()));
            out.computeIfAbsent(servers.computeIfAbsent(key, k -> s), k -> new java.util.ArrayList<>())
                    .add(t);
        }
        return out;
    }

    @Override
    public String describe(Server server) {
        return server.setting("host").orElse("localhost") + ":"
                + server.setting("port").orElse(String.valueOf(defaultPort)) + "/"
                + server.setting("database").orElse("?");
    }
}
