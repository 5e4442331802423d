package dev.meshsdk.rego;

import java.math.BigDecimal;

/** Renders numbers the way OPA prints them: integers without a fraction, others minimally. */
final class NumberFormat {
    private NumberFormat() {}

    static String format(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) {
            if (s.precision() - s.scale() > 400) {
                return s.toString().replace("E+", "e+");
            }
            return s.toPlainString();
        }
        if (s.scale() > 400) {
            return s.toString().replace("E", "e");
        }
        return s.toPlainString();
    }
}
