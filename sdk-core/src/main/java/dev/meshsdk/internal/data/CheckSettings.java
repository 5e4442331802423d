package dev.meshsdk.internal.data;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of {@code check}:
 * {@code mesh.check.maxRowChange} (default {@code 0.5}: the row count may change by +-50% between two checks;
 * {@code none} turns the comparison off), {@code mesh.check.rowChangeSeverity} (default {@code warning}) and
 * {@code mesh.check.freshnessSeverity} (default {@code error}).
 *
 * @param maxRowChange the allowed change as a share, or null when not checked
 */
record CheckSettings(BigDecimal maxRowChange, String rowChangeSeverity, String freshnessSeverity) {
    static final String MAX_ROW_CHANGE = "mesh.check.maxRowChange";
    private static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    static CheckSettings from(AdapterContext context) {
        String max = context.setting(MAX_ROW_CHANGE).map(String::trim).orElse("0.5");
        BigDecimal share = null;
        if (!max.equalsIgnoreCase("none")) {
            try {
                share = new BigDecimal(max);
            } catch (NumberFormatException e) {
                share = BigDecimal.ZERO;
            }
            if (share.signum() <= 0) {
                throw new MeshException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "Cannot check row counts with " + MAX_ROW_CHANGE + "=" + max
                                + ": use a share greater than 0 (0.5 allows +-50%), or none");
            }
        }
        return new CheckSettings(
                share,
                severity(context, "mesh.check.rowChangeSeverity", "warning"),
                severity(context, "mesh.check.freshnessSeverity", "error"));
    }

    private static String severity(AdapterContext context, String key, String dflt) {
        String s =
                context.setting(key).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(dflt);
        if (!SEVERITIES.contains(s)) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use " + key + "=" + s + ": use error," + " warning or info");
        }
        return s;
    }
}
