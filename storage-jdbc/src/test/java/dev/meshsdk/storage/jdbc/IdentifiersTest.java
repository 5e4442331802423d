package dev.meshsdk.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @Test
    void quotesAcceptedNames() {
        assertThat(Identifiers.quote("table", "Orders_2024")).isEqualTo("\"Orders_2024\"");
        assertThat(Identifiers.quote("table", "_x")).isEqualTo("\"_x\"");
        assertThat(Identifiers.qualified("sales", "order")).isEqualTo("\"sales\".\"order\"");
        assertThat(Identifiers.isSafe("a".repeat(63))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a b", "a\"b", "a;b", "a-b", "ä", "a.b", "x\"; DROP TABLE t; --"})
    void refusesAnythingElse(String name) {
        assertThatThrownBy(() -> Identifiers.quote("column of table orders", name))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESCRIPTOR);
                    assertThat(e.getMessage())
                            .startsWith("Cannot use name '")
                            .contains("for column of table orders:")
                            .endsWith("rename it in the contract or the server settings");
                });
    }

    @Test
    void refusesLongNamesAndShowsControlCharactersEscaped() {
        assertThat(Identifiers.isSafe("a".repeat(64))).isFalse();
        assertThat(Identifiers.isSafe(null)).isFalse();
        assertThatThrownBy(() -> Identifiers.check("role", "bad\nname"))
                .hasMessageStartingWith("Cannot use name 'bad\\u000aname' for role");
    }
}
