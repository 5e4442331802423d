package dev.meshsdk.internal.engine;

import dev.meshsdk.model.Server;
import java.util.StringJoiner;

/** A readable address of a server, for plans and the catalog. Never includes credentials. */
final class Addresses {
    private Addresses() {}

    static String of(Server server) {
        for (String key : new String[] {"location", "path"}) {
            if (server.settings().containsKey(key)) return server.setting(key).orElse("");
        }
        StringJoiner j = new StringJoiner("/");
        server.setting("host")
                .ifPresent(
                        h -> j.add(h + server.setting("port").map(p -> ":" + p).orElse("")));
        server.setting("database").ifPresent(j::add);
        server.setting("schema").ifPresent(j::add);
        String joined = j.toString();
        return joined.isEmpty() ? (server.server() == null ? server.type() : server.server()) : joined;
    }
}
