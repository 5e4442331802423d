package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.ValidationReport;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose type no loaded adapter serves is a warning that names the module to add, when the SDK has one. */
class AdapterWarningTest {
    private final DescriptorLoader loader = new DescriptorLoader(Set.of("local"));

    @TempDir
    Path tmp;

    private String hint(String server) {
        String contract = Fixtures.contract("c", Fixtures.LOCAL_SERVER + server + """
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                """);
        ValidationReport r = Fixtures.loadProduct(loader, tmp, contract).report();
        assertThat(r.errors()).isEmpty();
        return r.warnings().stream()
                .filter(d -> d.code().equals("MESH-ADAPTER"))
                .findFirst()
                .orElseThrow()
                .hint();
    }

    @Test
    void namesTheSdkModuleOfTheServerType() {
        assertThat(hint("""
                  - server: s3-staging
                    type: s3
                    environment: staging
                    location: s3://sales-data/orders
                    format: delta
                """))
                .isEqualTo("add dev.meshsdk:mesh-storage-s3 to the plugin's <dependencies> before deploying to it, or"
                        + " deploy this server elsewhere");
        assertThat(hint("""
                  - server: warehouse
                    type: redshift
                    environment: prod
                    host: example.redshift.amazonaws.com
                    port: 5439
                    database: shop
                    schema: sales
                """)).startsWith("add dev.meshsdk:mesh-storage-redshift to the plugin's <dependencies>");
    }

    @Test
    void aTypeTheSdkHasNoModuleForKeepsTheGeneralAdvice() {
        assertThat(hint("""
                  - server: lake
                    type: databricks
                    environment: prod
                    host: example.cloud.databricks.com
                    catalog: main
                    schema: sales
                """))
                .isEqualTo("add the plugin of a 'databricks' storage adapter before deploying to it, or deploy this"
                        + " server elsewhere");
    }
}
