package dev.meshsdk.spi.quality;

import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import java.util.ArrayList;
import java.util.List;

/** Lists a contract's quality rules with their scope, object rules before property rules. */
public final class ScopedRules {
    private ScopedRules() {}

    public static List<ScopedRule> of(DataContract contract) {
        List<ScopedRule> out = new ArrayList<>();
        for (SchemaObject object : contract.schema()) {
            for (QualityRule rule : object.quality()) {
                out.add(new ScopedRule(object.storeName(), null, rule));
            }
            for (SchemaProperty property : object.properties()) {
                for (QualityRule rule : property.quality()) {
                    out.add(new ScopedRule(object.storeName(), property.storeName(), rule));
                }
            }
        }
        return out;
    }
}
