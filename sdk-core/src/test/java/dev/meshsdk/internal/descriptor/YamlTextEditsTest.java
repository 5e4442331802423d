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
        YamlTextEdits edits = new YamlTextEdits("team:\n  - name: Asha\n    role: owner\nid: x\n");
        assertThat(edits.nest(1, 1, "members")).isTrue();

        YamlTextEdits.Result result = edits.apply();

        assertThat(result.text()).isEqualTo("team:\n  members:\n    - name: Asha\n      role: owner\nid: x\n");
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
        YamlTextEdits edits = new YamlTextEdits("id: x\n  team: [{name: Asha}]  # owners\n");
        assertThat(edits.nest(2, 3, "members")).isTrue();

        YamlTextEdits.Result result = edits.apply();

        assertThat(result.text()).isEqualTo("id: x\n  team:\n    members: [{name: Asha}]  # owners\n");
        assertThat(result.originalLine(3)).isEqualTo(2);
        assertThat(result.originalColumn(3, 5))
                .as("the new key: the key it came from")
                .isEqualTo(3);
        assertThat(result.originalColumn(3, 14)).as("the list").isEqualTo(9);
        assertThat(result.originalColumn(3, 15)).as("its first member").isEqualTo(10);
        assertThat(result.originalColumn(3, 16)).as("the member's first key").isEqualTo(11);
        assertThat(result.originalColumn(2, 3)).as("the key's own line").isEqualTo(3);
    }
}
