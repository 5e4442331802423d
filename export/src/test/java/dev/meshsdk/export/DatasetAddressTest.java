package dev.meshsdk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Addresses named as OpenLineage's naming spec and DataHub's sources name them. */
class DatasetAddressTest {

    @Test
    void postgres() {
        DatasetAddress a = DatasetAddress.parse("postgresql://db.internal:5432/shop/sales.orders");
        assertThat(a.namespace()).isEqualTo("postgres://db.internal:5432");
        assertThat(a.name()).isEqualTo("shop.sales.orders");
        assertThat(a.platform()).isEqualTo("postgres");
        assertThat(a.qualified()).isEqualTo("shop.sales.orders");
        assertThat(DatasetAddress.parse("postgres://pg/shop/sales/orders").namespace())
                .isEqualTo("postgres://pg:5432");
        assertThat(DatasetAddress.parse("postgres://pg/shop/sales/orders").name())
                .isEqualTo("shop.sales.orders");
    }

    @Test
    void redshiftNamesTheClusterAndRegionOfAnAwsEndpoint() {
        DatasetAddress a = DatasetAddress.parse(
                "redshift://examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com:5439/dev/public.sales");
        assertThat(a.namespace()).isEqualTo("redshift://examplecluster.us-west-2:5439");
        assertThat(a.name()).isEqualTo("dev.public.sales");
        assertThat(DatasetAddress.parse(
                                "redshift://wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com/dev/s.t")
                        .namespace())
                .isEqualTo("redshift://wg.eu-west-1:5439");
        // not an AWS endpoint (a proxy, a test server): the host as it is
        assertThat(DatasetAddress.parse("redshift://localhost:15439/dev/s.t").namespace())
                .isEqualTo("redshift://localhost:15439");
        assertThat(DatasetAddress.parse("redshift://localhost:15439/dev/s.t").platform())
                .isEqualTo("redshift");
    }

    @Test
    void s3() {
        DatasetAddress a = DatasetAddress.parse("s3://finance-data/products/daily-revenue/daily_revenue");
        assertThat(a.namespace()).isEqualTo("s3://finance-data");
        assertThat(a.name()).isEqualTo("products/daily-revenue/daily_revenue");
        assertThat(a.qualified()).isEqualTo("finance-data/products/daily-revenue/daily_revenue");
        assertThat(DatasetAddress.parse("s3a://b/k").namespace()).isEqualTo("s3://b");
    }

    @Test
    void files() {
        DatasetAddress local = DatasetAddress.parse("file:///var/mesh/data/orders/orders");
        assertThat(local.namespace()).isEqualTo("file");
        assertThat(local.name()).isEqualTo("/var/mesh/data/orders/orders");
        assertThat(local.sourceUri()).isEqualTo("file:///");
        assertThat(local.platform()).isEqualTo("file");
        DatasetAddress remote = DatasetAddress.parse("file://nas01/exports/orders");
        assertThat(remote.namespace()).isEqualTo("file://nas01");
        assertThat(remote.name()).isEqualTo("/exports/orders");
    }

    @Test
    void otherSchemesKeepTheirAuthorityAndCredentialsNeverPass() {
        DatasetAddress a = DatasetAddress.parse("mysql://user:secret@db:3306/shop/orders?ssl=true");
        assertThat(a.namespace()).isEqualTo("mysql://db:3306");
        assertThat(a.name()).isEqualTo("shop/orders");
        assertThat(a.toString()).doesNotContain("secret");
        assertThat(DatasetAddress.parse("postgresql://u:pw@pg:5432/d/s.t").namespace())
                .isEqualTo("postgres://pg:5432");
    }

    @Test
    void aRelativeAddressIsRefused() {
        assertThatThrownBy(() -> DatasetAddress.parse("shop.sales.orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shop.sales.orders' is not an absolute address");
        assertThatThrownBy(() -> DatasetAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
