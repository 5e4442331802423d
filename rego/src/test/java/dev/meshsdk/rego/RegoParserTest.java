package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegoParserTest {
    private static final RegoEngine REGO = RegoEngine.create(RegoOptions.defaults());

    @Test
    void incompleteExpressionReportsFileLineAndColumn() {
        String src = "package p\n\nallow if {\n  input.x ==\n}\n";
        assertThatThrownBy(() -> REGO.parse("policy.rego", src))
                .isInstanceOf(RegoException.class)
                .hasMessageStartingWith("policy.rego:5:1: rego_parse_error: unexpected '}'")
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("rego_parse_error"));
    }

    @Test
    void unterminatedStringPointsAtItsStart() {
        String src = "package p\nmsg := \"oops\n";
        assertThatThrownBy(() -> REGO.parse("a.rego", src))
                .hasMessageStartingWith("a.rego:2:8: rego_parse_error: unterminated string");
    }

    @Test
    void missingPackageIsExplained() {
        assertThatThrownBy(() -> REGO.parse("b.rego", "allow := true\n"))
                .hasMessageContaining("b.rego:1:1")
                .hasMessageContaining("every module starts with a package declaration");
    }

    @Test
    void twoExpressionsOnOneLineNeedASeparator() {
        String src = "package p\nallow if { input.a input.b }\n";
        assertThatThrownBy(() -> REGO.parse("c.rego", src))
                .hasMessageStartingWith("c.rego:2:20: rego_parse_error:")
                .hasMessageContaining("separate expressions with a newline or ';'");
    }

    @Test
    void regoV0RuleBodiesAreRejectedWithAHint() {
        String src = "package p\n\ndeny[msg] {\n  msg := \"x\"\n}\n";
        assertThatThrownBy(() -> REGO.parse("v0.rego", src))
                .hasMessageStartingWith("v0.rego:3:11: rego_parse_error: `if` keyword is required")
                .hasMessageContaining("contains");
    }

    @Test
    void parsesTheV1Syntax() {
        String src = """
        package gov.orders
        import rego.v1
        import data.lib.helpers as h

        default allow := false
        allow if { count(deny) == 0 }
        deny contains msg if {
          some i, col in input.columns
          not col.owner
          msg := sprintf("column %d has no owner", [i])
        }
        tags[k] := v if { some k, v in input.tags }
        a.b.c := 1
        f(x) := y if { y := x * 2 } else := 0
        raw := `C:\\dir`
        s := {1, 2} | set()
        every_ok if { every x in [1, 2] { x > 0 } }
        comp := {k: v | some k in ["a"]; v := upper(k)}
        """;
        RegoModule m = REGO.parse("orders.rego", src);
        assertThat(m.packagePath()).isEqualTo("gov.orders");
        assertThat(m.fileName()).isEqualTo("orders.rego");
    }
}
