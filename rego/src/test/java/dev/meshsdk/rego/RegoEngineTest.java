package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegoEngineTest {

    private static RegoPolicySet engine(String src) {
        return engine(src, RegoOptions.defaults());
    }

    private static RegoPolicySet engine(String src, RegoOptions opts) {
        RegoEngine rego = RegoEngine.create(opts);
        return rego.compile(List.of(rego.parse("test.rego", src)));
    }

    private static RegoValue json(Object o) {
        return RegoValue.fromJava(o);
    }

    /**
     * {@code evaluateAll} answers a reference that no rule, package or base document defines without evaluating
     * it; each answer must still be the one {@code evaluate} gives, for those and for every other kind of path.
     */
    @Test
    void evaluateAllAgreesWithEvaluateOnDefinedAndUndefinedPaths() {
        RegoPolicySet e = engine("""
        package p.q
        import rego.v1

        deny contains msg if {
          input.x > 1
          msg := "big"
        }

        obj := {"k": 1, "s": {"a"}}
        """);
        RegoValue data = json(Map.of(
                "p", Map.of("q", Map.of("violation", List.of("from data"))),
                "teams", Map.of("a", Map.of("buckets", List.of("b1")), "s", "text")));
        List<String> refs = List.of(
                "data.p.q.deny",
                "data.p.q.warn",
                "data.p.q.violation",
                "data.p.q.obj.k",
                "data.p.q.obj.missing",
                "data.p.q.obj.s.a",
                "data.p.nothing.deny",
                "data.nothing",
                "data.teams.a.buckets",
                "data.teams.a.databases",
                "data.teams.s.length",
                "data.p.q.deny.big",
                "data.p.q._x9");
        RegoValue input = json(Map.of("x", 2));
        List<Optional<RegoValue>> all = e.evaluateAll(refs, input, data);
        List<Optional<RegoValue>> one = new ArrayList<>();
        for (String ref : refs) one.add(e.evaluate(ref, input, data));
        assertThat(all).isEqualTo(one);
        assertThat(all.stream().filter(Optional::isPresent).count()).isEqualTo(6);
        assertThat(all.get(2)).contains(json(List.of("from data")));
        assertThat(e.evaluateAll(List.of("data.p.q.warn", "data.p.q.deny"), input, null))
                .containsExactly(Optional.empty(), Optional.of(json(java.util.Set.of("big"))));
    }

    /** Each item of a set rule defined more than once comes from the definition that first produced it. */
    @Test
    void evaluateAllWithOriginsTellsWhichDefinitionMadeEachItem() {
        RegoPolicySet e = engine("""
        package p.q
        import rego.v1

        deny contains "small" if input.x < 5

        deny contains msg if {
          input.x > 1
          msg := "big"
        }

        deny contains "small" if input.x < 10

        answer := 42
        """);
        RegoValue input = json(Map.of("x", 2));
        List<RegoPolicySet.Evaluation> all =
                e.evaluateAllWithOrigins(List.of("data.p.q.deny", "data.p.q.answer", "data.p.q.warn"), input, null);
        assertThat(all.get(0).value()).contains(json(java.util.Set.of("small", "big")));
        assertThat(all.get(0).origins())
                .containsOnlyKeys(json("small"), json("big"))
                .containsEntry(json("small"), new RegoPolicySet.Origin("test.rego", 4))
                .containsEntry(json("big"), new RegoPolicySet.Origin("test.rego", 6));
        assertThat(all.get(1).value()).contains(json(42));
        assertThat(all.get(1).origins()).isEmpty();
        assertThat(all.get(2).value()).isEmpty();
        assertThat(all.get(2).origins()).isEmpty();
        assertThat(all.stream().map(RegoPolicySet.Evaluation::value).toList())
                .isEqualTo(e.evaluateAll(List.of("data.p.q.deny", "data.p.q.answer", "data.p.q.warn"), input, null));
    }

    @Test
    void governancePolicyCollectsDenyMessages() {
        RegoPolicySet e = engine("""
        package gov.dataset
        import rego.v1

        required_tags := {"owner", "classification"}

        deny contains msg if {
          some tag in required_tags
          not input.tags[tag]
          msg := sprintf("dataset %s is missing tag '%s'", [input.name, tag])
        }

        deny contains msg if {
          input.tags.classification == "pii"
          not input.encrypted
          msg := sprintf("dataset %s holds PII but is not encrypted", [input.name])
        }

        default allow := false
        allow if count(deny) == 0
        """);
        RegoValue bad = json(Map.of("name", "orders", "tags", Map.of("classification", "pii"), "encrypted", false));
        assertThat(e.evaluate("data.gov.dataset.deny", bad, null))
                .contains(json(java.util.Set.of(
                        "dataset orders is missing tag 'owner'", "dataset orders holds PII but is not encrypted")));
        assertThat(e.evaluate("data.gov.dataset.allow", bad, null)).contains(RegoValue.FALSE);

        RegoValue good = json(Map.of(
                "name", "orders", "encrypted", true, "tags", Map.of("classification", "pii", "owner", "team-a")));
        assertThat(e.evaluate("data.gov.dataset.deny", good, null)).contains(json(java.util.Set.of()));
        assertThat(e.evaluate("data.gov.dataset.allow", good, null)).contains(RegoValue.TRUE);
    }

    @Test
    void modulesShareHelpersThroughImports() {
        RegoPolicySet e = RegoEngine.create(RegoOptions.defaults())
                .compile(Map.of(
                        "lib/naming.rego", """
            package lib.naming
            snake_case(s) if regex.match(`^[a-z][a-z0-9_]*$`, s)
            """,
                        "contracts.rego", """
            package contracts
            import data.lib.naming
            import input.contract as c

            violations contains v if {
              some col in c.columns
              not naming.snake_case(col.name)
              v := {"column": col.name, "rule": "snake_case"}
            }
            owners := {o | o := data.owners[c.domain][_]}
            """));
        RegoValue input = json(Map.of(
                "contract",
                Map.of(
                        "domain",
                        "sales",
                        "columns",
                        List.of(Map.of("name", "order_id"), Map.of("name", "OrderDate")))));
        RegoValue data = json(Map.of("owners", Map.of("sales", List.of("ann", "bo"))));
        assertThat(e.evaluate("data.contracts.violations", input, data))
                .contains(json(java.util.Set.of(Map.of("column", "OrderDate", "rule", "snake_case"))));
        assertThat(e.evaluate("data.contracts.owners", input, data)).contains(json(java.util.Set.of("ann", "bo")));
        assertThat(e.query("data.lib.naming.snake_case(\"ok_name\")", null, null))
                .hasSize(1);
    }

    @Test
    void undefinedIsNotFalse() {
        RegoPolicySet e = engine("""
        package p
        allow if input.user == "alice"
        default gated := false
        gated if input.user == "alice"
        negative := input.user != "alice"
        """);
        RegoValue bob = json(Map.of("user", "bob"));
        assertThat(e.evaluate("data.p.allow", bob, null)).isEmpty();
        assertThat(e.evaluate("data.p.gated", bob, null)).contains(RegoValue.FALSE);
        assertThat(e.evaluate("data.p.negative", bob, null)).contains(RegoValue.TRUE);
        assertThat(e.evaluate("data.p.allow", null, null)).isEmpty();
        assertThat(e.evaluate("data.p.missing", bob, null)).isEmpty();
        assertThat(e.query("data.p.allow == false", bob, null)).isEmpty();
        assertThat(e.query("not data.p.allow", bob, null)).hasSize(1);
    }

    @Test
    void completeRuleConflictIsAnError() {
        RegoPolicySet e = engine("""
        package p
        x := 1 if input.a
        x := 2 if input.b
        """);
        assertThat(e.evaluate("data.p.x", json(Map.of("a", true)), null)).contains(RegoValue.of(1));
        assertThatThrownBy(() -> e.evaluate("data.p.x", json(Map.of("a", true, "b", true)), null))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("test.rego:")
                .hasMessageContaining("complete rules must not produce multiple outputs")
                .satisfies(ex -> assertThat(((RegoException) ex).code()).isEqualTo("eval_conflict_error"));
    }

    @Test
    void functionAndObjectConflictsAreErrors() {
        RegoPolicySet e = engine("""
        package p
        f(x) := 1 if x > 0
        f(x) := 2 if x > 1
        obj[k] := v if { some k, v in {"a": 1}; true }
        obj[k] := 9 if { k := "a" }
        """);
        assertThat(e.query("y := data.p.f(1)", null, null)).containsExactly(Map.of("y", RegoValue.of(1)));
        assertThatThrownBy(() -> e.query("y := data.p.f(5)", null, null))
                .hasMessageContaining("functions must not produce multiple outputs for same inputs");
        assertThatThrownBy(() -> e.evaluate("data.p.obj", null, null))
                .hasMessageContaining("object keys must be unique");
    }

    @Test
    void recursionIsReportedClearly() {
        RegoPolicySet e = engine("""
        package p
        a if b
        b if a
        """);
        assertThatThrownBy(() -> e.evaluate("data.p.a", null, null))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("depends on itself (recursion)")
                .satisfies(ex -> assertThat(((RegoException) ex).code()).isEqualTo("eval_recursion_error"));
    }

    @Test
    void stepLimitStopsRunawayEvaluation() {
        RegoPolicySet e = engine("""
        package p
        n := count([1 | some x in numbers.range(1, 1000); some y in numbers.range(1, 1000)])
        """, RegoOptions.defaults().withMaxSteps(50_000));
        assertThatThrownBy(() -> e.evaluate("data.p.n", null, null))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("exceeded 50000 steps")
                .satisfies(ex -> assertThat(((RegoException) ex).code()).isEqualTo("eval_resource_error"));
    }

    @Test
    void valueSizeLimitStopsHugeValues() {
        RegoPolicySet e = engine("""
        package p
        big := numbers.range(1, 100000000)
        """, RegoOptions.defaults().withMaxValueSize(10_000));
        assertThatThrownBy(() -> e.evaluate("data.p.big", null, null))
                .hasMessageStartingWith("test.rego:2:25: eval_resource_error: value would exceed 10000" + " elements");
    }

    @Test
    void catastrophicRegexFailsInsteadOfHanging() {
        RegoPolicySet e = engine("""
        package p
        s := concat("", [concat("", ["a" | numbers.range(1, 19)[_]]),
          concat("", ["b" | numbers.range(1, 200)[_]])])
        m := regex.match(`(.*a){20}`, s)
        """);
        assertThatThrownBy(() -> e.evaluate("data.p.m", null, null))
                .hasMessageContaining("catastrophic backtracking")
                .satisfies(ex -> assertThat(((RegoException) ex).code()).isEqualTo("eval_resource_error"));
    }

    @Test
    void unsupportedBuiltinFailsLoudlyUnlessMocked() {
        RegoPolicySet e = engine("""
        package p
        resp := http.send({"method": "get", "url": "https://example.com"})
        mocked := x if { x := resp with http.send as {"status_code": 200} }
        """);
        assertThatThrownBy(() -> e.evaluate("data.p.resp", null, null))
                .hasMessageContaining("http.send is not supported")
                .hasMessageContaining("OPA server");
        assertThat(e.evaluate("data.p.mocked", null, null)).contains(json(Map.of("status_code", 200)));
    }

    @Test
    void unknownFunctionIsRejectedAtCompileTime() {
        assertThatThrownBy(() -> engine("package p\nx := lenght([1])\n"))
                .hasMessageStartingWith("test.rego:2:6: rego_unsupported_builtin_error: unknown function" + " lenght");
    }

    @Test
    void builtinErrorsAreUndefinedUnlessStrict() {
        String src = "package p\nv := to_number(\"abc\")\n";
        assertThat(engine(src).evaluate("data.p.v", null, null)).isEmpty();
        assertThatThrownBy(() -> engine(src, RegoOptions.defaults().withStrictBuiltinErrors(true))
                        .evaluate("data.p.v", null, null))
                .hasMessageContaining("eval_builtin_error")
                .hasMessageContaining("test.rego:2:6");
    }

    @Test
    void withReplacesInputDataAndFunctions() {
        RegoPolicySet e = engine("""
        package p
        allow if input.role == "admin"
        limit := data.config.limit
        double(x) := x * 2
        t1 if allow with input as {"role": "admin"}
        t2 := x if { x := limit with data.config.limit as 7 }
        t3 := x if { x := double(2) with double as 3 }
        """);
        RegoValue data = json(Map.of("config", Map.of("limit", 1)));
        assertThat(e.evaluate("data.p.t1", null, data)).contains(RegoValue.TRUE);
        assertThat(e.evaluate("data.p.t2", null, data)).contains(RegoValue.of(7));
        assertThat(e.evaluate("data.p.t3", null, data)).contains(RegoValue.of(3));
        assertThat(e.evaluate("data.p.limit", null, data)).contains(RegoValue.of(1));
    }

    /**
     * What a literal waits for is worked out once, when it is built: the order it runs in must still follow from
     * its terms (a call's output argument, a negation, a {@code with} value, unifying two arrays).
     */
    @Test
    void literalsRunOnceWhatTheyNeedIsBound() {
        RegoPolicySet e = engine("""
        package p
        import rego.v1

        out := n if { n > 1; count(input.xs, n) }
        neg if { not x == 1; x = input.one }
        with_value := v if { v := data.p.seen with input as i; i = {"y": 5} }
        seen := input.y
        arrays := [x, y] if { [x, y] = [1, 2] }
        pending := n if { count(input.xs, n); n > 5 }
        """);
        RegoValue input = json(Map.of("xs", List.of(1, 2, 3), "one", 2));
        assertThat(e.evaluate("data.p.out", input, null)).contains(RegoValue.of(3));
        assertThat(e.evaluate("data.p.neg", input, null)).contains(RegoValue.TRUE);
        assertThat(e.evaluate("data.p.with_value", input, null)).contains(RegoValue.of(5));
        assertThat(e.evaluate("data.p.arrays", input, null)).contains(json(List.of(1, 2)));
        assertThat(e.evaluate("data.p.pending", input, null)).isEmpty();
        assertThatThrownBy(() -> e.query("x = _; x > 1", null, null)).hasMessageContaining("is unsafe");
    }

    /** evaluateAll keeps what it works out from a reference's text, never from the data it was asked with. */
    @Test
    void evaluateAllAnswersEachCallFromItsOwnData() {
        RegoPolicySet e = engine("""
        package p
        r := 1
        """);
        List<String> refs = List.of("data.teams.a", "data.p.r", "data.nothing.9x");
        RegoValue with = json(Map.of("teams", Map.of("a", "yes")));
        for (int i = 0; i < 2; i++) {
            assertThat(e.evaluateAll(refs, null, with))
                    .containsExactly(
                            Optional.<RegoValue>of(RegoValue.of("yes")),
                            Optional.<RegoValue>of(RegoValue.of(1)),
                            Optional.<RegoValue>empty());
            assertThat(e.evaluateAll(refs, null, null))
                    .containsExactly(
                            Optional.<RegoValue>empty(),
                            Optional.<RegoValue>of(RegoValue.of(1)),
                            Optional.<RegoValue>empty());
        }
    }

    @Test
    void expressionsNeedingLaterBindingsRunAfterThem() {
        RegoPolicySet e = engine("""
        package p
        q contains y if { y > 1; y = input.xs[_] }
        r := msg if { msg = sprintf("hello %s", [name]); name = input.name }
        """);
        RegoValue input = json(Map.of("xs", List.of(1, 2, 3), "name", "bob"));
        assertThat(e.evaluate("data.p.q", input, null)).contains(json(java.util.Set.of(2, 3)));
        assertThat(e.evaluate("data.p.r", input, null)).contains(RegoValue.of("hello bob"));
        assertThatThrownBy(() -> e.query("z > 1", null, null)).hasMessageContaining("var z is unsafe");
    }

    @Test
    void queryReturnsAllBindingsAndPrintGoesToTheSink() {
        List<String> printed = new ArrayList<>();
        RegoPolicySet e =
                engine("package p\nxs := [3, 1, 2]\n", RegoOptions.defaults().withPrint(printed::add));
        List<Map<String, RegoValue>> rows = e.query("some i; x := data.p.xs[i]; x > 1; print(i, x)", null, null);
        assertThat(rows).extracting(r -> r.get("x")).containsExactly(RegoValue.of(3), RegoValue.of(2));
        assertThat(printed).containsExactly("0 3", "2 2");
        e.query("print(\"missing:\", input.nope)", null, null);
        assertThat(printed).last().isEqualTo("missing: <undefined>");
        Optional<RegoValue> sorted = e.evaluate("sort(data.p.xs)", null, null);
        assertThat(sorted).contains(json(List.of(1, 2, 3)));
    }

    @Test
    void anEvaluationTooDeepForTheCallersStackIsRunAgainOnALargeStackAndPrintsOnce() throws Exception {
        List<String> printed = new ArrayList<>();
        RegoPolicySet e = engine(
                "package p\nn := c if {\n  c := count([x | walk(input, x)])\n" + "  print(\"nodes\", c)\n}\n",
                RegoOptions.defaults().withPrint(printed::add));
        RegoValue input = new RegoValue.Arr(List.of());
        for (int i = 0; i < 5000; i++) {
            input = new RegoValue.Arr(List.of(input));
        }
        RegoValue deep = input;
        Optional<RegoValue>[] result = new Optional[1];
        Throwable[] failure = new Throwable[1];
        // a caller with a small stack: the first attempt overflows it, the second runs on a large stack
        Thread caller = new Thread(
                null,
                () -> {
                    try {
                        result[0] = e.evaluate("data.p.n", deep, null);
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                "small-stack",
                128 * 1024);
        caller.start();
        caller.join();
        assertThat(failure[0]).isNull();
        assertThat(result[0]).contains(RegoValue.of(5001));
        assertThat(printed).containsExactly("nodes 5001");
    }
}
