package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QualityEngine} must have: one result per rule in the order given, a failing
 * threshold reported as {@code FAILED} with the measured value. Extend it in the engine's tests; the
 * subclass provides the engine, a port holding known data, and rules whose outcome on that data it knows.
 */
public abstract class QualityEngineContract {

    /** The engine under test, created before each test and closed after it. */
    protected QualityEngine engine;
    /** The port the rules are evaluated on. */
    protected PortBinding port;

    /** A new engine. Called once before each test, before {@link #portWithData()}. */
    protected abstract QualityEngine createEngine();

    /**
     * A port whose home holds known data the rules below are measured on (the subclass creates and fills
     * it). Called once before each test; {@link QualityEngine#supports} must be true for it.
     */
    protected abstract PortBinding portWithData();

    /** A rule with a threshold that the data of {@link #portWithData()} satisfies. */
    protected abstract ScopedRule passingRule();

    /** A rule with a threshold that the data of {@link #portWithData()} does not satisfy. */
    protected abstract ScopedRule failingRule();

    /** The value the engine must measure for {@link #failingRule()} (a count, a percentage, ...). */
    protected abstract BigDecimal failingRuleMeasuredValue();

    /**
     * A rule the engine cannot evaluate (an unknown metric, a rule type it lacks), or empty when every rule
     * can be evaluated. Such a rule must yield {@code ERROR} with a message, not an exception.
     */
    protected Optional<ScopedRule> unsupportedRule() {
        return Optional.empty();
    }

    @BeforeEach
    void createEngineAndPort() {
        engine = createEngine();
        port = portWithData();
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) engine.close();
    }

    @Test
    void supportsThePort() {
        assertThat(engine.supports(port)).isTrue();
    }

    @Test
    void returnsOneResultPerRuleInOrder() {
        List<ScopedRule> rules = List.of(failingRule(), passingRule(), failingRule());

        List<QualityResult> results = engine.evaluate(port, rules);

        assertThat(results).extracting(QualityResult::rule).containsExactlyElementsOf(rules);
        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(QualityResult.Status.FAILED, QualityResult.Status.PASSED, QualityResult.Status.FAILED);
    }

    @Test
    void noRulesGiveNoResults() {
        assertThat(engine.evaluate(port, List.of())).isEmpty();
    }

    @Test
    void passingRulePasses() {
        QualityResult result = engine.evaluate(port, List.of(passingRule())).get(0);

        assertThat(result.status()).as("status, message: %s", result.message()).isEqualTo(QualityResult.Status.PASSED);
        assertThat(result.blocks()).isFalse();
    }

    @Test
    void failingThresholdYieldsFailedWithTheMeasuredValue() {
        ScopedRule rule = failingRule();

        QualityResult result = engine.evaluate(port, List.of(rule)).get(0);

        assertThat(result.status()).as("status, message: %s", result.message()).isEqualTo(QualityResult.Status.FAILED);
        assertThat(result.measured()).as("measured").isNotNull();
        assertThat(result.measured()).isEqualByComparingTo(failingRuleMeasuredValue());
        assertThat(result.threshold()).isEqualTo(rule.rule().threshold().orElse(null));
    }

    @Test
    void ruleThatCannotBeEvaluatedYieldsErrorNotException() {
        Optional<ScopedRule> unsupported = unsupportedRule();
        if (unsupported.isEmpty()) {
            // Nothing to check: the engine declares it evaluates every rule; the other tests cover it.
            return;
        }
        List<QualityResult> results = engine.evaluate(port, List.of(unsupported.get(), passingRule()));

        assertThat(results)
                .extracting(QualityResult::status)
                .containsExactly(QualityResult.Status.ERROR, QualityResult.Status.PASSED);
        assertThat(results.get(0).message()).isNotBlank();
    }
}
