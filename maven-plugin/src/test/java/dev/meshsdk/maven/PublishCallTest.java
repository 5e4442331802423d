package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishCallTest {
    @Test
    void theSummaryNamesTheStoresKindOfVersion() {
        assertThat(PublishCall.versionWord("local")).isEqualTo("Delta version");
        assertThat(PublishCall.versionWord("s3")).isEqualTo("Delta version");
        // a PostgreSQL publish committed a transaction, not a Delta version (a new user's trial read "Delta version
        // 729")
        assertThat(PublishCall.versionWord("postgres")).isEqualTo("transaction");
        assertThat(PublishCall.versionWord("redshift")).isEqualTo("transaction");
    }
}
