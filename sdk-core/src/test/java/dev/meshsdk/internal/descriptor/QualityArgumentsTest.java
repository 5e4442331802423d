package dev.meshsdk.internal.descriptor;

import static dev.meshsdk.internal.descriptor.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code invalidValues} rule must say what is valid with arguments the stores can run: a list of valid values
 * that is not empty, or a pattern. Otherwise the rule could not run at publish time (an error there, not here).
 */
class QualityArgumentsTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    private ValidationReport load(String arguments) {
        String contract = Fixtures.contract("c", Fixtures.LOCAL_SERVER + """
                schema:
                  - name: orders
                    properties:
                      - name: status
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            mustBe: 0
                            arguments:
                """) + arguments;
        return Fixtures.loadProduct(loader, tmp, contract).report();
    }

    @Test
    void validValuesAndPatternAreAccepted() {
        assertThat(load("                  validValues: [open, closed]\n").errors())
                .isEmpty();
        assertThat(load("                  pattern: '^[a-z]+$'\n").errors()).isEmpty();
    }

    @Test
    void anEmptyListOfValidValuesIsLocated() {
        ValidationReport r = load("                  validValues: []\n");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:21:19 ERROR MESH-QUALITY");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot run quality rule 'invalidValues': validValues lists no value, so every value would"
                        + " be invalid");
        assertThat(r.errors().get(0).hint()).contains("list the valid values");
    }

    @Test
    void aPatternThatIsNotTextIsLocated() {
        ValidationReport r = load("                  pattern: null\n");
        assertThat(where(r, tmp)).containsExactly("p/contracts/c.yaml:21:19 ERROR MESH-QUALITY");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Cannot run quality rule 'invalidValues': pattern is empty, not a regular expression");
    }
}
