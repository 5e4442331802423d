package dev.meshsdk.internal.descriptor;

import dev.meshsdk.model.IdRule;
import java.nio.file.Path;

/**
 * Product and contract ids follow {@link IdRule}, checked here once for every registry, so that an id no
 * registry or store can hold fails at validation, located, rather than later without a location.
 */
final class IdChecks {
    private IdChecks() {}

    /** @param what {@code product} or {@code contract} */
    static void check(String id, String what, Path file, Problems problems) {
        if (id == null || IdRule.isValid(id)) return; // a missing or non-text id is the schema's to report
        String fix = IdRule.closestValid(id);
        problems.error(
                IdentifierChecks.CODE,
                file,
                "/id",
                "Cannot use " + Quoted.of(id) + " as a " + what + " id: an id is " + IdRule.DESCRIPTION,
                fix != null
                        ? "perhaps you meant 'id: " + fix + "'"
                        : "write an id of letters and digits, e.g. 'id: orders'");
    }
}
