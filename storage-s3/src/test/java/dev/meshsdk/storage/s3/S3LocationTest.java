package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshsdk.MeshException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {
    @Test
    void parsesBucketAndPrefix() {
        S3Location l = S3Location.parse("s3://sales-team-data/products/orders/");
        assertThat(l.bucket()).isEqualTo("sales-team-data");
        assertThat(l.prefix()).isEqualTo("products/orders");
        assertThat(l).hasToString("s3://sales-team-data/products/orders");
        assertThat(l.resolve("orders_v2").prefix()).isEqualTo("products/orders/orders_v2");
    }

    @Test
    void containsOnlyKeysInsideThePrefix() {
        S3Location l = S3Location.parse("s3://b-1/orders");
        assertThat(l.contains("orders/part-0.parquet")).isTrue();
        assertThat(l.contains("orders")).isTrue();
        assertThat(l.contains("orders_v2/part-0.parquet")).isFalse();
        assertThat(l.contains("other/x")).isFalse();
        assertThat(S3Location.parse("s3://whole-bucket").contains("anything")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://b/x",
                "s3://Upper/x",
                "s3://ab/x",
                "s3://a..b/x",
                "s3://192.168.1.1/x",
                "s3://bucket/a/../other",
                "s3://bucket/a//b",
                "s3://-bucket/x"
            })
    void rejectsUnsafeLocations(String location) {
        assertThatThrownBy(() -> S3Location.parse(location))
                .isInstanceOf(MeshException.class)
                .hasMessageStartingWith("Cannot use S3 location '" + location + "': ");
    }
}
