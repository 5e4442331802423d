package dev.meshsdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first line of a failed validation says whose errors they are: the descriptors', the policies', or both. */
class ValidationExceptionTest {
    private static final Location AT = new Location(Path.of("contracts/orders.yaml"), 12, 5, "");

    private static String firstLine(Diagnostic... errors) {
        return new ValidationException(new ValidationReport(List.of(errors)))
                .getMessage()
                .lines()
                .findFirst()
                .orElseThrow();
    }

    @Test
    void namesTheDescriptorsThePoliciesOrBoth() {
        Diagnostic schema = Diagnostic.error("MESH-SCHEMA", AT, "Cannot read contract: 'id' is missing", null);
        Diagnostic policy = Diagnostic.error("MESH-POLICY", AT, "output port 'orders' drops column 'amount'", null);
        assertThat(firstLine(schema)).isEqualTo("Cannot continue: 1 error(s) in the data product descriptors");
        assertThat(firstLine(policy, policy)).isEqualTo("Cannot continue: 2 error(s) from the policies");
        assertThat(firstLine(schema, policy))
                .isEqualTo("Cannot continue: 2 error(s) in the data product descriptors and from the policies");
    }
}
