package dev.meshsdk.storage.jdbc;

import dev.meshsdk.spi.registry.CatalogEntry;
import dev.meshsdk.spi.registry.CatalogQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The indexed columns of a catalog row, from which SQL narrows a search before {@link CatalogQuery#matches}
 * decides. SQL must never drop a row {@code matches} accepts, so the keys compare as {@code matches} does:
 * values are case-folded the way {@link String#equalsIgnoreCase} compares them, lists are held as
 * {@code \n}-delimited text, and the search text is {@link CatalogQuery#searchText}.
 *
 * @param tags            {@code \nkey\nkey\n} of the tags
 * @param classifications {@code \nkey\n} of the classifications of every column of every port
 */
record CatalogKeys(
        String domain,
        String team,
        String status,
        String tags,
        String classifications,
        String searchText,
        Set<String> contracts) {

    static CatalogKeys of(CatalogEntry e) {
        Set<String> classifications = new LinkedHashSet<>();
        Set<String> contracts = new LinkedHashSet<>();
        for (CatalogEntry.Port p : e.outputPorts()) {
            if (p.contractId() != null) contracts.add(p.contractId());
            for (CatalogEntry.Column c : p.columns()) {
                if (c.classification() != null) classifications.add(fold(c.classification()));
            }
        }
        return new CatalogKeys(
                fold(e.domain()),
                e.owner() == null ? null : fold(e.owner().team()),
                fold(e.status()),
                delimited(e.tags().stream().map(CatalogKeys::fold).toList()),
                delimited(classifications),
                text(CatalogQuery.searchText(e)),
                contracts);
    }

    /**
     * The SQL condition (on columns of alias {@code c}) and its parameters that keep at least every row with
     * keys that {@code query} matches; a row without keys yet ({@code search_text IS NULL}) is the caller's to
     * add.
     */
    static String narrowing(CatalogQuery query, List<String> params) {
        List<String> and = new ArrayList<>();
        equal(and, params, "c.domain_key", query.domain());
        equal(and, params, "c.team_key", query.team());
        equal(and, params, "c.status_key", query.status());
        within(and, params, "c.tag_keys", query.tag());
        within(and, params, "c.classification_keys", query.classification());
        if (given(query.text())) {
            for (String word : query.text().toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                and.add("strpos(c.search_text, ?) > 0");
                params.add(text(word));
            }
        }
        return and.isEmpty() ? "TRUE" : String.join(" AND ", and);
    }

    private static void equal(List<String> and, List<String> params, String column, String filter) {
        if (!given(filter)) return;
        and.add(column + " = ?");
        params.add(fold(filter.trim()));
    }

    private static void within(List<String> and, List<String> params, String column, String filter) {
        if (!given(filter)) return;
        and.add("strpos(" + column + ", ?) > 0");
        params.add("\n" + fold(filter.trim()) + "\n");
    }

    private static boolean given(String filter) {
        return filter != null && !filter.isBlank();
    }

    /**
     * The key two texts share exactly when {@link String#equalsIgnoreCase} holds for them: each code point
     * upper-cased, then lower-cased. ({@code toLowerCase()} alone differs for a few letters, such as the
     * dotted capital I.)
     */
    static String fold(String value) {
        if (value == null) return null;
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return text(b.toString());
    }

    private static String delimited(Iterable<String> keys) {
        StringBuilder b = new StringBuilder("\n");
        for (String k : keys) b.append(k).append('\n');
        return b.toString();
    }

    /** PostgreSQL text cannot hold NUL; the same replacement on both sides keeps every match. */
    private static String text(String value) {
        return value == null ? null : value.replace('\u0000', ' ');
    }
}
