package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.storage.redshift.RedshiftLoads.Format;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact COPY, MERGE and UNLOAD text. There is no Redshift cluster here to run it on. */
class RedshiftLoadsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/RedshiftLoader";

    @Test
    void copiesCsvFromS3WithAnIamRole() {
        assertThat(RedshiftLoads.copyFromS3(
                        "sales",
                        "orders",
                        List.of("id", "name"),
                        "s3://mesh-landing/orders/2025-03-01/",
                        ROLE,
                        Format.CSV,
                        "eu-west-1"))
                .isEqualTo("COPY \"sales\".\"orders\" (\"id\", \"name\") FROM"
                        + " 's3://mesh-landing/orders/2025-03-01/' IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoader'"
                        + " FORMAT AS CSV IGNOREHEADER 1 REGION 'eu-west-1'");
        assertThat(RedshiftLoads.copyFromS3(
                        "sales", "orders", List.of(), "s3://mesh-landing/orders.parquet", ROLE, Format.PARQUET, null))
                .isEqualTo("COPY \"sales\".\"orders\" FROM 's3://mesh-landing/orders.parquet'"
                        + " IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoader' FORMAT AS PARQUET");
    }

    @Test
    void mergesAStagingTableOnTheKey() {
        assertThat(RedshiftLoads.merge(
                        "sales", "orders", "orders_stage", List.of("id"), List.of("id", "name", "amount")))
                .isEqualTo("MERGE INTO \"sales\".\"orders\" AS t USING \"sales\".\"orders_stage\" AS s"
                        + " ON t.\"id\" = s.\"id\" WHEN MATCHED THEN UPDATE SET \"name\" = s.\"name\","
                        + " \"amount\" = s.\"amount\" WHEN NOT MATCHED THEN INSERT (\"id\", \"name\", \"amount\")"
                        + " VALUES (s.\"id\", s.\"name\", s.\"amount\")");
        assertThatThrownBy(() -> RedshiftLoads.merge("sales", "orders", "stage", List.of(), List.of("id")))
                .hasMessage("Cannot merge into orders: the contract names no primary key; mark the key properties"
                        + " primaryKey: true");
    }

    @Test
    void unloadsATableForArchiving() {
        assertThat(RedshiftLoads.unload(
                        "sales", "orders", "s3://mesh-archive/orders/", ROLE, Format.PARQUET, List.of("region")))
                .isEqualTo("UNLOAD ('SELECT * FROM \"sales\".\"orders\"') TO"
                        + " 's3://mesh-archive/orders/' IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoader'"
                        + " FORMAT AS PARQUET PARTITION BY (\"region\") ALLOWOVERWRITE");
        assertThat(RedshiftLoads.unload("sales", "orders", "s3://mesh-archive/orders/", ROLE, Format.CSV, List.of()))
                .endsWith("FORMAT AS CSV HEADER ALLOWOVERWRITE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3://bucket/x' IAM_ROLE 'arn:aws:iam::1:role/evil",
                "https://bucket/x",
                "s3://B/x",
                "s3://bucket/a b"
            })
    void refusesS3LocationsThatAreNotPlain(String uri) {
        assertThatThrownBy(() -> RedshiftLoads.copyFromS3("s", "t", List.of(), uri, ROLE, Format.CSV, null))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).startsWith("Cannot use S3 location '");
                });
    }

    @Test
    void refusesRolesAndRegionsThatAreNotPlain() {
        assertThatThrownBy(() -> RedshiftLoads.copyFromS3(
                        "s",
                        "t",
                        List.of(),
                        "s3://bucket/x",
                        "arn:aws:iam::123456789012:role/x' CREDENTIALS 'y",
                        Format.CSV,
                        null))
                .hasMessageStartingWith("Cannot use IAM role '");
        assertThatThrownBy(() -> RedshiftLoads.copyFromS3(
                        "s", "t", List.of(), "s3://bucket/x", ROLE, Format.CSV, "eu-west-1'; --"))
                .hasMessageStartingWith("Cannot use AWS region '");
        assertThatThrownBy(() -> RedshiftLoads.merge("s", "t\"x", "stage", List.of("id"), List.of("id")))
                .hasMessageStartingWith("Cannot use name 't\"x' for table");
    }

    @Test
    void copiesStagedGzipPartsIntoTheTemporaryTableWithoutCredentials() {
        String sql =
                RedshiftLoads.copyStaged("mesh_stage_orders", "s3://team-bucket/staging/orders/load-1/", ROLE, null);

        assertThat(sql)
                .isEqualTo(
                        "COPY \"mesh_stage_orders\" FROM 's3://team-bucket/staging/orders/load-1/'"
                                + " IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoader' FORMAT AS CSV IGNOREHEADER 1 GZIP");
        assertThat(sql)
                .doesNotContainIgnoringCase("ACCESS_KEY")
                .doesNotContainIgnoringCase("SECRET")
                .doesNotContainIgnoringCase("CREDENTIALS")
                .doesNotContainIgnoringCase("TOKEN");
        assertThatThrownBy(() -> RedshiftLoads.copyStaged("stage\"; DROP TABLE x; --", "s3://b1/x/", ROLE, null))
                .hasMessageStartingWith("Cannot use name 'stage\"; DROP TABLE x; --' for table");
    }

    @Test
    void upsertsAsDeleteThenInsertOnTheKey() {
        assertThat(RedshiftLoads.deleteInsert("sales", "orders", "mesh_stage_orders", List.of("id", "day")))
                .containsExactly(
                        "DELETE FROM \"sales\".\"orders\" USING \"mesh_stage_orders\" WHERE"
                                + " \"sales\".\"orders\".\"id\" = \"mesh_stage_orders\".\"id\" AND"
                                + " \"sales\".\"orders\".\"day\" = \"mesh_stage_orders\".\"day\"",
                        "INSERT INTO \"sales\".\"orders\" SELECT * FROM \"mesh_stage_orders\"");
    }

    @Test
    void readsTheStagingFromTheServerThenTheConfiguration() {
        Server server = new Server(
                "rs",
                "redshift",
                null,
                null,
                Map.of(),
                List.of(
                        new CustomProperty("stagingLocation", "s3://team-bucket/mesh/staging/", null),
                        new CustomProperty("iamRole", ROLE, null)),
                Map.of());
        AdapterContext context =
                new AdapterContext("dev", Path.of("."), Map.of("mesh.redshift.region", "eu-west-1"), null, null, null);

        assertThat(RedshiftStaging.of(server, context))
                .isEqualTo(new RedshiftStaging("team-bucket", "mesh/staging", ROLE, "eu-west-1"));
        assertThat(RedshiftStaging.of(server, context).folder("orders", "l1")).isEqualTo("mesh/staging/orders/l1/");

        Server bare = new Server("rs", "redshift", null, null, Map.of(), List.of(), Map.of());
        assertThatThrownBy(() -> RedshiftStaging.of(bare, context))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageStartingWith("Cannot load into Redshift server 'rs': no stagingLocation is set; add custom"
                        + " properties stagingLocation");
        AdapterContext hostile = new AdapterContext(
                "dev",
                Path.of("."),
                Map.of(
                        "mesh.redshift.stagingLocation",
                        "s3://b12/x",
                        "mesh.redshift.iamRole",
                        ROLE + "' CREDENTIALS 'aws_access_key_id=x"),
                null,
                null,
                null);
        assertThatThrownBy(() -> RedshiftStaging.of(bare, hostile)).hasMessageStartingWith("Cannot use IAM role '");
    }
}
