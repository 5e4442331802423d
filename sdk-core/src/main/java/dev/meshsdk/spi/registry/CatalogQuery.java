package dev.meshsdk.spi.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A catalog search: free text over ids, names, descriptions, tags, ports and columns, and filters that
 * must all hold. A null or blank field does not filter. Build one with {@link #in(String)}.
 *
 * @param classification a column classification ({@code pii}, {@code restricted}, ...) some column of the
 *                       product must carry
 */
public record CatalogQuery(
        String environment, String text, String domain, String team, String tag, String status, String classification) {
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
        return matches(Keys.of(e));
    }

    /**
     * The same rule over what it looks at in an entry, for a registry that keeps {@link Keys} beside its
     * entries (an index) and selects without reading them: accepts exactly when {@link #matches(CatalogEntry)}
     * accepts the entry the keys were taken from.
     */
    public boolean matches(Keys k) {
        if (!environment.equals(k.environment())) return false;
        if (!same(domain, k.domain()) || !same(status, k.status()) || !same(team, k.team())) return false;
        if (given(tag) && k.tags().stream().noneMatch(t -> same(tag, t))) return false;
        if (given(classification) && k.classifications().stream().noneMatch(c -> same(classification, c))) {
            return false;
        }
        if (!given(text)) return true;
        for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!k.searchText().contains(word)) return false;
        }
        return true;
    }

    /**
     * What a query looks at in a catalog entry.
     *
     * @param team            the owner's team; null without an owner
     * @param classifications the classification of each column of each output port that has one
     * @param searchText      {@link #searchText} of the entry
     */
    public record Keys(
            String environment,
            String domain,
            String team,
            String status,
            List<String> tags,
            List<String> classifications,
            String searchText) {
        public Keys {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(searchText, "searchText");
            tags = tags == null ? List.of() : List.copyOf(tags);
            classifications = classifications == null ? List.of() : List.copyOf(classifications);
        }

        /** The keys of an entry. */
        public static Keys of(CatalogEntry e) {
            List<String> classifications = new ArrayList<>();
            for (CatalogEntry.Port p : e.outputPorts()) {
                for (CatalogEntry.Column c : p.columns()) {
                    if (c.classification() != null && !classifications.contains(c.classification())) {
                        classifications.add(c.classification());
                    }
                }
            }
            return new Keys(
                    e.environment(),
                    e.domain(),
                    e.owner() == null ? null : e.owner().team(),
                    e.status(),
                    e.tags(),
                    classifications,
                    CatalogQuery.searchText(e));
        }
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
