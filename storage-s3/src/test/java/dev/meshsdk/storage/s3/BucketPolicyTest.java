package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AccessGrant;
import org.junit.jupiter.api.Test;

class BucketPolicyTest {
    private static final S3Location TABLE = S3Location.parse("s3://team-bucket/sales/orders/orders");
    private static final String OTHERS =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Audit\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::1:role/audit\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::team-bucket/*\"}]}";
    private final BucketPolicy policy = new BucketPolicy(null);

    @Test
    void aGrantAddsTwoOwnedStatementsAndKeepsEveryoneElses() {
        JsonNode others = policy.parse(OTHERS);

        JsonNode granted = policy.withGrant(others, TABLE, new AccessGrant("analyst", "read"));

        assertThat(granted.get("Statement")).hasSize(3);
        assertThat(granted.get("Statement").get(0))
                .isEqualTo(others.get("Statement").get(0));
        assertThat(policy.grants(granted, TABLE)).containsExactly(new AccessGrant("analyst", "read"));
        assertThat(policy.write(granted))
                .contains("arn:aws:iam:::user/analyst", "sales/orders/orders/*", "s3:prefix")
                .doesNotContain("s3:PutObject");
        assertThat(policy.grants(granted, S3Location.parse("s3://team-bucket/sales/orders/other")))
                .isEmpty();
    }

    @Test
    void grantingTwiceChangesNothingAndRevokingRestoresTheOriginal() {
        JsonNode others = policy.parse(OTHERS);
        AccessGrant g = new AccessGrant("arn:aws:iam::123456789012:role/etl", "write");

        JsonNode once = policy.withGrant(others, TABLE, g);
        JsonNode twice = policy.withGrant(once, TABLE, g);
        JsonNode revoked = policy.without(twice, TABLE, g);

        assertThat(twice).isEqualTo(once);
        assertThat(policy.grants(once, TABLE)).containsExactly(g);
        assertThat(policy.write(once)).contains("s3:PutObject", "s3:DeleteObject");
        assertThat(revoked.get("Statement")).hasSize(1);
        assertThat(revoked.get("Statement").get(0).get("Sid").asText()).isEqualTo("Audit");
    }

    @Test
    void aTemplateMapsNamesToArnsAndBack() {
        BucketPolicy roles = new BucketPolicy("arn:aws:iam::123456789012:role/{principal}");

        assertThat(roles.arn("analyst")).isEqualTo("arn:aws:iam::123456789012:role/analyst");
        assertThat(roles.principal("arn:aws:iam::123456789012:role/analyst")).isEqualTo("analyst");
        assertThat(roles.principal("arn:aws:iam::999:user/x")).isEqualTo("arn:aws:iam::999:user/x");
        assertThatThrownBy(() -> roles.arn("bad\"name")).isInstanceOf(MeshException.class);
        assertThatThrownBy(() -> new BucketPolicy("arn:aws:iam::1:role/fixed"))
                .isInstanceOf(MeshException.class)
                .hasMessageContaining("{principal}");
    }
}
