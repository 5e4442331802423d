package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A problem of the upgraded text is named as the file on disk has it: what moved is put back. */
class DescriptorUpgraderTest {
    static final Map<String, String> MOVED = Map.of(
            "/team/members", "/team",
            "/schema/0/quality/1/metric", "/schema/0/quality/1/rule");

    @Test
    void aPointerUnderAMovedElementIsTheOneOnDisk() {
        assertThat(DescriptorUpgrader.originalPointer("/team/members/0/username", MOVED))
                .isEqualTo("/team/0/username");
        assertThat(DescriptorUpgrader.originalPointer("/team/members", MOVED)).isEqualTo("/team");
        assertThat(DescriptorUpgrader.originalPointer("/schema/0/quality/1/metric", MOVED))
                .isEqualTo("/schema/0/quality/1/rule");
        assertThat(DescriptorUpgrader.originalPointer("/team/membership", MOVED))
                .as("a key that only starts like a moved one")
                .isEqualTo("/team/membership");
        assertThat(DescriptorUpgrader.originalPointer("/servers/0", MOVED)).isEqualTo("/servers/0");
    }

    @Test
    void theElementsAMessageQuotesAreNamedAsOnDisk() {
        assertThat(DescriptorUpgrader.originalPaths("'team.members[0]' is missing required field 'username'", MOVED))
                .isEqualTo("'team[0]' is missing required field 'username'");
        assertThat(DescriptorUpgrader.originalPaths("property 'team.members' has unknown field 'x'", MOVED))
                .isEqualTo("property 'team' has unknown field 'x'");
        assertThat(DescriptorUpgrader.originalPaths(
                        "'schema[0].quality[1].metric' has value 'x', which is not allowed", MOVED))
                .isEqualTo("'schema[0].quality[1].rule' has value 'x', which is not allowed");
        assertThat(DescriptorUpgrader.originalPaths("'team.membership' and team.members[0] unquoted", MOVED))
                .as("only a quoted element whose path starts so")
                .isEqualTo("'team.membership' and team.members[0] unquoted");
    }
}
