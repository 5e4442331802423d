package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A position of the edited text maps back to the line and column of the text as read (mesh:upgrade's errors). */
class YamlTextEditsTest {

    @Test
    void aColumnAfterARenamedKeyMapsBackBeforeTheRename() {
        YamlTextEdits edits = new YamlTextEdits("quality:\n  - rule: nullCheck\n");
        assertThat(edits.renameKey(2, 5, "rule", "metric")).isTrue();
        assertThat(edits.replaceScalar(2, 11, "nullValues")).isTrue();

        YamlTextEdits.Result result = edits.apply();

        assertThat(result.text()).isEqualTo("quality:\n  - metric: nullValues\n");
        assertThat(result.originalColumn(2, 3)).as("before the edits").isEqualTo(3);
        assertThat(result.originalColumn(2, 7))
                .as("inside the new key: the key's column")
                .isEqualTo(5);
        assertThat(result.originalColumn(2, 11)).as("the colon after it").isEqualTo(9);
        assertThat(result.originalColumn(2, 13))
                .as("the new value: the old value's column")
                .isEqualTo(11);
    }

    @Test
    void aMovedBlockMapsBackToItsColumnsOnDisk() {
        YamlTextEdits.Result result = nested(
                "team:\n  - name: Asha\n    role: owner\nid: x\n",
                1,
                1,
                "team:\n  members:\n    - name: Asha\n      role: owner\nid: x\n");
        assertThat(result.originalLine(3)).isEqualTo(2);
        assertThat(result.originalColumn(3, 7))
                .as("name, two columns further right")
                .isEqualTo(5);
        assertThat(result.originalColumn(4, 7)).as("role").isEqualTo(5);
        assertThat(result.originalLine(2)).isEqualTo(1);
        assertThat(result.originalColumn(2, 3))
                .as("the added key: the key it came from")
                .isEqualTo(1);
        assertThat(result.originalColumn(5, 1)).isEqualTo(1);
    }

    @Test
    void aFlowValueMovedToTheNewKeyMapsBackToWhereItWasWrittenOnTheKeysLine() {
        YamlTextEdits.Result result = nested(
                "id: x\n  team: [{name: Asha}]  # owners\n",
                2,
                3,
                "id: x\n  team:\n    members: [{name: Asha}]  # owners\n");
        assertThat(result.originalLine(3)).isEqualTo(2);
        // line 3's new key 'members' (column 5) maps to the key it came from; its list (14), the list's first member
        // (15) and that member's first key (16) to where they are written on line 2; the key's own line stays
        int[] columns = {
            result.originalColumn(3, 5),
            result.originalColumn(3, 14),
            result.originalColumn(3, 15),
            result.originalColumn(3, 16),
            result.originalColumn(2, 3)
        };
        assertThat(columns).containsExactly(3, 9, 10, 11, 3);
    }

    /** The text with the value of the key at the position moved under 'members', which must read {@code expected}. */
    private static YamlTextEdits.Result nested(String text, int line, int column, String expected) {
        YamlTextEdits edits = new YamlTextEdits(text);
        assertThat(edits.nest(line, column, "members")).isTrue();
        YamlTextEdits.Result result = edits.apply();
        assertThat(result.text()).isEqualTo(expected);
        return result;
    }
}
