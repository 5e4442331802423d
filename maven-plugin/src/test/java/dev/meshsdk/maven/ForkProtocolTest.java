package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForkProtocolTest {

    @Test
    void aLogLineKeepsItsLevelAndEveryCharacterOfItsText() {
        String text = "Cannot publish 'orders': \"quoted\", a tab\there,\nand a second line ü";

        Optional<ForkProtocol.Line> line = ForkProtocol.parse(ForkProtocol.log("warn", text));

        assertThat(ForkProtocol.log("warn", text)).doesNotContain("\n").startsWith("{\"mesh\":");
        assertThat(line).contains(new ForkProtocol.LogLine("warn", text));
    }

    @Test
    void outcomesTellTheUsersMistakeFromAFault() {
        assertThat(ForkProtocol.parse(ForkProtocol.success()))
                .contains(new ForkProtocol.Outcome("success", null, null));
        assertThat(ForkProtocol.parse(ForkProtocol.failure("Cannot find product 'x'")))
                .contains(new ForkProtocol.Outcome("failure", "Cannot find product 'x'", null));
        assertThat(ForkProtocol.parse(ForkProtocol.ready())).containsInstanceOf(ForkProtocol.Ready.class);
    }

    @Test
    void anErrorCarriesItsCauseChainWithTypesMessagesAndFrames() {
        IllegalStateException cause = new IllegalStateException("outer", new java.io.IOException("disk full"));

        ForkProtocol.Outcome outcome = (ForkProtocol.Outcome)
                ForkProtocol.parse(ForkProtocol.error("Cannot run mesh:check: the SDK or an adapter failed", cause))
                        .orElseThrow();

        assertThat(outcome.result()).isEqualTo("error");
        assertThat(outcome.cause()).hasToString("java.lang.IllegalStateException: outer");
        assertThat(frames(outcome.cause().getStackTrace())).isEqualTo(frames(cause.getStackTrace()));
        assertThat(outcome.cause().getCause())
                .hasToString("java.io.IOException: disk full")
                .hasMessage("disk full");
    }

    private static java.util.List<String> frames(StackTraceElement[] trace) {
        return java.util.Arrays.stream(trace)
                .map(f -> f.getClassName() + "#" + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .toList();
    }

    @Test
    void anyOtherOutputIsNotAProtocolLine() {
        assertThat(ForkProtocol.parse("WARN SparkContext: something")).isEmpty();
        assertThat(ForkProtocol.parse("{\"other\":1}")).isEmpty();
        assertThat(ForkProtocol.parse("{\"mesh\": broken")).isEmpty();
        assertThat(ForkProtocol.parse("{\"mesh\":\"unknown\"}")).isEmpty();
    }
}
