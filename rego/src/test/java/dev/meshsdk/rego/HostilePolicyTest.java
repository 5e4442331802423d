package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Policies written to take the evaluator down: each would exhaust the heap, the stack or the CPU
 * of an unbounded interpreter (before these limits, each ran out of memory, threw a
 * {@link StackOverflowError} or ran past a minute). Each must fail with a resource error located
 * in the policy, under the default limits, in a fraction of the timeout below. The timeout only
 * keeps a regression from hanging the build; it is not what is tested.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostilePolicyTest {
    private static final String FILE = "hostile.rego";

    /** A ten-million-character string, within the default string limit. */
    private static final String TEN_MILLION = "s := sprintf(\"%10000000s\", [\"\"])\n";
    /** Ten thousand references to one million-character string: small in memory, not as text. */
    private static final String MANY_BIG =
            "big := sprintf(\"%1000000s\", [\"a\"])\n" + "many := [big | some i in numbers.range(1, 10000)]\n";

    private static RegoPolicySet compile(String rules, RegoOptions options) {
        RegoEngine rego = RegoEngine.create(options);
        return rego.compile(List.of(rego.parse(FILE, "package h\n" + rules)));
    }

    /** Evaluates data.h.x and returns the failure, which must be a resource error in the file. */
    private static RegoException resourceError(String rules, int line) {
        return resourceError(rules, line, RegoOptions.defaults());
    }

    private static RegoException resourceError(String rules, int line, RegoOptions options) {
        RegoPolicySet policies = compile(rules, options);
        RegoException e = catchThrowableOfType(RegoException.class, () -> policies.evaluate("data.h.x", null, null));
        assertThat(e).as("evaluating data.h.x fails").isNotNull();
        assertThat(e.code()).isEqualTo("eval_resource_error");
        assertThat(e.location()).hasValueSatisfying(loc -> {
            assertThat(loc.file()).isEqualTo(FILE);
            assertThat(loc.line()).isEqualTo(line);
        });
        assertThat(e.getMessage()).startsWith(FILE + ":" + line + ":");
        return e;
    }

    private static RegoException parseError(String source) {
        RegoEngine rego = RegoEngine.create(RegoOptions.defaults());
        RegoException e = catchThrowableOfType(RegoException.class, () -> rego.parse(FILE, "package h\n" + source));
        assertThat(e).as("parsing fails").isNotNull();
        assertThat(e.code()).isEqualTo("rego_parse_error");
        assertThat(e.location()).hasValueSatisfying(loc -> {
            assertThat(loc.file()).isEqualTo(FILE);
            assertThat(loc.line()).isEqualTo(2);
        });
        assertThat(e.getMessage()).contains("max parsing recursion depth reached");
        return e;
    }

    // ---- memory: sizes are checked before a value is built ----

    @Test
    void sprintfWithAHugeWidth() {
        assertThat(resourceError("x := sprintf(\"%999999999d\", [1])\n", 2))
                .hasMessageContaining("string would exceed 16777216 characters");
    }

    @Test
    void jsonMarshalOfAValueThatIsHugeAsText() {
        assertThat(resourceError(MANY_BIG + "x := json.marshal(many)\n", 4))
                .hasMessageContaining("string would exceed");
    }

    @Test
    void concatOfManyLongStrings() {
        assertThat(resourceError(MANY_BIG + "x := concat(\",\", many)\n", 4))
                .hasMessageContaining("string would exceed");
    }

    @Test
    void splitIntoEveryCharacter() {
        assertThat(resourceError(TEN_MILLION + "x := split(s, \"\")\n", 3))
                .hasMessageContaining("value would exceed 1000000 elements");
    }

    @Test
    void regexFindNOfEveryCharacter() {
        assertThat(resourceError(TEN_MILLION + "x := regex.find_n(\".\", s, -1)\n", 3))
                .hasMessageContaining("value would exceed 1000000 elements");
    }

    @Test
    void indexofNOfEveryCharacter() {
        assertThat(resourceError(TEN_MILLION + "x := indexof_n(s, \" \")\n", 3))
                .hasMessageContaining("value would exceed 1000000 elements");
    }

    @Test
    void base64EncodeGrowingPastTheLimit() {
        assertThat(resourceError(
                        TEN_MILLION + "x := base64.encode(base64.encode(base64.encode(base64.encode(s))))\n", 3))
                .hasMessageContaining("string would exceed 16777216 characters");
    }

    // ---- depth: parser nesting and evaluation recursion ----

    @Test
    void tenThousandNestedBracketsInTheParser() {
        parseError("x := " + "[".repeat(10_000) + "1" + "]".repeat(10_000) + "\n");
    }

    @Test
    void tenThousandChainedOperatorsForTheResolver() {
        parseError("x := 1" + " + 1".repeat(10_000) + "\n");
    }

    @Test
    void tenThousandElseBranches() {
        StringBuilder src = new StringBuilder("f(v) := 0 if v == 0");
        for (int i = 1; i <= 10_000; i++) {
            src.append(" else := ").append(i).append(" if v == ").append(i);
        }
        parseError(src + "\n");
    }

    @Test
    void evaluationNestedDeeperThanTheLimit() {
        String items = "1, ".repeat(30_000);
        assertThat(resourceError("x := [" + items + "1]\n", 2))
                .hasMessageContaining("evaluation nested deeper than 20000 levels");
    }

    // ---- CPU: the step budget counts big numbers and builtins ----

    @Test
    void additionThatWritesOutAHundredMillionDigits() {
        assertThat(resourceError("x := 1e100000000 + 1\n", 2)).hasMessageContaining("number would exceed 10000 digits");
    }

    @Test
    void shiftLeftByAHundredMillionBits() {
        assertThat(resourceError("x := bits.lsh(1, 100000000)\n", 2))
                .hasMessageContaining("number would exceed 10000 digits");
    }

    @Test
    void unionOfFiftyThousandObjectsIsLinear() {
        RegoPolicySet policies = compile(
                "x := object.union_n([{sprintf(\"k%d\", [i]): i} |" + " some i in numbers.range(1, 50000)])\n",
                RegoOptions.defaults());
        assertThat(policies.evaluate("count(data.h.x)", null, null)).contains(RegoValue.of(50_000));
    }

    @Test
    void jsonPatchWithTwentyThousandOperations() {
        // each operation copies the growing document: 20,000 of them are 200 million copies
        assertThat(resourceError(
                        "ops := [{\"op\": \"add\", \"path\": sprintf(\"/k%d\", [i]),"
                                + " \"value\": i} | some i in numbers.range(1, 20000)]\n"
                                + "x := json.patch({}, ops)\n",
                        3))
                .hasMessageContaining("steps");
    }

    @Test
    void catastrophicRegexOnAMillionCharacters() {
        assertThat(resourceError(
                        "s := replace(sprintf(\"%1000000s\", [\"\"]), \" \", \"a\")\n"
                                + "x := regex.match(`(a+)+b`, s)\n",
                        3))
                .hasMessageContaining("steps");
    }

    @Test
    void theTimeLimitStopsWhatStepsDoNot() {
        RegoOptions options =
                RegoOptions.defaults().withMaxSteps(Long.MAX_VALUE).withTimeout(Duration.ofMillis(300));
        assertThat(resourceError(
                        "x := count({1 | some i in numbers.range(1, 1000000);"
                                + " some j in numbers.range(1, 1000000)})\n",
                        2,
                        options))
                .hasMessageContaining("time limit of 300 ms");
    }
}
