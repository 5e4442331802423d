package dev.meshsdk.spi.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * A catalog search: free text over ids, names, descriptions, tags, ports and columns, and filters that
 * must all hold. A null or blank field does not filter. Build one with {@link #in(String)}.
 *
 * @param classification a column classification ({@code pii}, {@code restricted}, ...) some column of the
 *                       product must carry
 */
public record CatalogQuery(String environment, String text, String domain, String team, String tag, String status,
                           String classification) {
    public CatalogQuery {
        Objects.requireNonNull(environment, "environment");
    }

    /** A query matching every product of an environment. */
    public static CatalogQuery in(String environment) {
        return new CatalogQuery(environment, null, null, null, null, null, null);
    }

    public CatalogQuery text(String value) {
        return new CatalogQuery(environment, value, domain, team, tag, status, classification);
    }

    public CatalogQuery domain(String value) {
        return new CatalogQuery(environment, text, value, team, tag, status, classification);
    }

    public CatalogQuery team(String value) {
        return new CatalogQuery(environment, text, domain, value, tag, status, classification);
    }

    public CatalogQuery tag(String value) {
        return new CatalogQuery(environment, text, domain, team, value, status, classification);
    }

    public CatalogQuery status(String value) {
        return new CatalogQuery(environment, text, domain, team, tag, value, classification);
    }

    public CatalogQuery classification(String value) {
        return new CatalogQuery(environment, text, domain, team, tag, status, value);
    }

    /** The one rule of what a query accepts; every registry's {@link Catalog#search} returns exactly this. */
    public boolean matches(CatalogEntry e) {
        if (!environment.equals(e.environment())) return false;
        if (!same(domain, e.domain()) || !same(status, e.status())) return false;
        if (given(team) && (e.owner() == null || !same(team, e.owner().team()))) return false;
        if (given(tag) && e.tags().stream().noneMatch(t -> same(tag, t))) return false;
        if (given(classification) && e.outputPorts().stream().flatMap(p -> p.columns().stream())
                .noneMatch(c -> same(classification, c.classification()))) return false;
        if (!given(text)) return true;
        String haystack = searchText(e);
        for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) return false;
        }
        return true;
    }

    /**
     * The lower-case text free-text words are looked for in: ids, names, description, domain, team, tags,
     * port names and descriptions, column names and descriptions. Registries with a text index store this.
     */
    public static String searchText(CatalogEntry e) {
        StringBuilder b = new StringBuilder();
        add(b, e.productId(), e.name(), e.description(), e.domain(), e.tenant());
        if (e.owner() != null) add(b, e.owner().team());
        e.tags().forEach(t -> add(b, t));
        for (CatalogEntry.Port p : e.outputPorts()) {
            add(b, p.name(), p.description(), p.contractId());
            for (CatalogEntry.Column c : p.columns()) add(b, c.name(), c.description());
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static void add(StringBuilder b, String... values) {
        for (String v : values) if (v != null) b.append(v).append('\n');
    }

    private static boolean given(String filter) {
        return filter != null && !filter.isBlank();
    }

    private static boolean same(String filter, String value) {
        return !given(filter) || (value != null && filter.trim().equalsIgnoreCase(value));
    }
}
