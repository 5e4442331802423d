package dev.meshsdk.rego;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Facts fixed for one query: the time, the print sink and error strictness. */
final class QueryContext {
    final Instant now;
    final Consumer<String> print;
    final boolean strict;
    final Map<String, RegoValue> memo = new HashMap<>();
    final Map<String, Object> patterns = new HashMap<>();
    /**
     * For each set rule's node, where each of its items was first produced (the head of the rule definition), when
     * the caller asked ({@link RegoPolicySet#evaluateAllWithOrigins}); else null.
     */
    Map<DataNode, Map<RegoValue, Ast.Loc>> origins;

    QueryContext(Instant now, Consumer<String> print, boolean strict) {
        this.now = now;
        this.print = print;
        this.strict = strict;
    }
}
