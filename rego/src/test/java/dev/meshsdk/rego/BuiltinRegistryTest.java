package dev.meshsdk.rego;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standard registry registers its groups on first use; it must define what registering all of them defines. */
class BuiltinRegistryTest {
    @Test
    void noTwoGroupsDefineOneName() {
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < BuiltinRegistry.GROUPS; g++) {
            BuiltinRegistry r = BuiltinRegistry.empty();
            BuiltinRegistry.register(g, r);
            assertThat(r.names()).as("group " + g).isNotEmpty();
            for (String name : r.names()) {
                Integer earlier = groupOf.put(name, g);
                assertThat(earlier)
                        .as(name + " in groups " + earlier + " and " + g)
                        .isNull();
            }
        }
        assertThat(groupOf).containsKeys("startswith", "object.get", "crypto.sha256", "time.now_ns", "io.jwt.decode");
    }

    @Test
    void aFreshRegistryFindsEveryBuiltinAllGroupsDefineWithItsArity() {
        BuiltinRegistry all = BuiltinRegistry.empty();
        for (int g = 0; g < BuiltinRegistry.GROUPS; g++) BuiltinRegistry.register(g, all);
        for (String name : all.names()) {
            BuiltinRegistry fresh = BuiltinRegistry.standard();
            BuiltinRegistry.Def def = fresh.get(name);
            assertThat(def).as(name).isNotNull();
            assertThat(def.arity()).as(name).isEqualTo(all.get(name).arity());
        }
        assertThat(BuiltinRegistry.standard().get("no.such_builtin")).isNull();
    }

    @Test
    void aLookupRegistersOnlyTheGroupsUpToTheName() {
        BuiltinRegistry r = BuiltinRegistry.standard();
        assertThat(r.get("startswith")).isNotNull();
        assertThat(r.names()).doesNotContain("crypto.sha256", "time.now_ns");
    }
}
