package dev.meshsdk.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lines of the Amazon S3 server access log format, as Amazon documents them, and lines that are not. */
class S3AccessLogTest {
    private static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    /** Amazon's documented example, all 26 fields. */
    @Test
    void theDocumentedExampleLineIsParsed() {
        S3AccessLog e = S3AccessLog.parse(OWNER + " amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 "
                + OWNER + " 3E57427F3EXAMPLE REST.GET.VERSIONING - \"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1\""
                + " 200 - 113 - 7 - \"-\" \"S3Console/0.4\" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eT"
                + "PFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader"
                + " amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2"
                + " arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes");
        assertThat(e)
                .isEqualTo(new S3AccessLog(
                        "amzn-s3-demo-bucket1",
                        Instant.parse("2019-02-06T00:00:38Z"),
                        OWNER,
                        "REST.GET.VERSIONING",
                        null,
                        200));
        assertThat(e.isSuccessfulRead()).isFalse();
    }

    @Test
    void aRangedGetWithAnEncodedKeyAndAUserAgentWithQuotesIsARead() {
        S3AccessLog e = S3AccessLog.parse(OWNER + " data [06/Dec/2026:09:15:02 +0100] 10.0.0.1"
                + " arn:aws:iam::123456789012:user/alice REQ1 REST.GET.OBJECT sales/orders/part%20one.parquet"
                + " \"GET /data/sales/orders/part%20one.parquet HTTP/1.1\" 206 - 1024 4096 12 11 \"-\""
                + " \"Hadoop 3.4 \"s3a\" aws-sdk-java/2.25\" -");
        assertThat(e)
                .isEqualTo(new S3AccessLog(
                        "data",
                        Instant.parse("2026-12-06T08:15:02Z"),
                        "arn:aws:iam::123456789012:user/alice",
                        "REST.GET.OBJECT",
                        "sales/orders/part one.parquet",
                        206));
        assertThat(e.isSuccessfulRead()).isTrue();
    }

    @Test
    void failedGetsOtherOperationsAndAnonymousRequestersAreToldApart() {
        String head = OWNER + " data [06/Dec/2026:09:15:02 +0000] 10.0.0.1 ";
        assertThat(S3AccessLog.parse(head + "- R REST.GET.OBJECT a/b \"GET /data/a/b HTTP/1.1\" 200 -")
                        .requester())
                .isNull();
        assertThat(S3AccessLog.parse(head + "u R REST.GET.OBJECT a/b \"GET /data/a/b HTTP/1.1\" 404 NoSuchKey")
                        .isSuccessfulRead())
                .isFalse();
        assertThat(S3AccessLog.parse(head + "u R REST.HEAD.OBJECT a/b \"HEAD /data/a/b HTTP/1.1\" 200 -")
                        .isSuccessfulRead())
                .isFalse();
        assertThat(S3AccessLog.parse(head + "u R REST.POST.SELECT a/b \"POST /data/a/b?select HTTP/1.1\" 200 -")
                        .isSuccessfulRead())
                .isTrue();
    }

    @Test
    void linesNotInTheFormatAreNull() {
        assertThat(S3AccessLog.parse("")).isNull();
        assertThat(S3AccessLog.parse("not a log line at all")).isNull();
        assertThat(S3AccessLog.parse(OWNER + " data [06/Dec/2026:09:15:02 +0000 10.0.0.1 u R REST.GET.OBJECT a/b"))
                .as("an unclosed bracket")
                .isNull();
        assertThat(S3AccessLog.parse(OWNER + " data [yesterday] 10.0.0.1 u R REST.GET.OBJECT a/b \"GET\" 200 -"))
                .as("a time that is none")
                .isNull();
        assertThat(S3AccessLog.parse(OWNER + " data [06/Dec/2026:09:15:02 +0000] 10.0.0.1 u R REST.GET.OBJECT a/b"
                        + " \"GET\" OK -"))
                .as("a status that is no number")
                .isNull();
        assertThat(S3AccessLog.parse(OWNER + " data [06/Dec/2026:09:15:02 +0000] 10.0.0.1 u R REST.GET.OBJECT a/b"))
                .as("cut off before the status")
                .isNull();
    }

    /** Lines as Ceph 16.2's radosgw wrote them to rgw_ops_log_file_path (user agents shortened). */
    @Test
    void rgwOperationsLogLinesAreReadInS3Terms() {
        S3AccessLog ranged = S3AccessLog.parseRgwOps("{\"bucket\":\"logtest\",\"time\":\"2026-12-06T21:03:14.748827Z\","
                + "\"time_local\":\"2026-12-06T21:03:14.748827+0000\",\"remote_addr\":\"127.0.0.1\",\"object_owner\":"
                + "\"alice\",\"user\":\"alice\",\"operation\":\"get_obj\","
                + "\"uri\":\"GET /logtest/t/orders/part%200.parquet"
                + " HTTP/1.1\",\"http_status\":\"206\",\"error_code\":\"\",\"bytes_sent\":2,\"bytes_received\":0,"
                + "\"object_size\":5,\"total_time\":4,\"user_agent\":\"Boto3/1.43.11\",\"referrer\":\"\",\"trans_id\":"
                + "\"tx00000487500a451276c52-006b15cd92-1008-default\",\"authentication_type\":\"Local\","
                + "\"access_key_id\":\"KEYALICE\",\"temp_url\":false}");
        assertThat(ranged)
                .isEqualTo(new S3AccessLog(
                        "logtest",
                        Instant.parse("2026-12-06T21:03:14.748827Z"),
                        "alice",
                        "REST.GET.OBJECT",
                        "t/orders/part 0.parquet",
                        206));
        assertThat(ranged.isSuccessfulRead()).isTrue();
        S3AccessLog denied = S3AccessLog.parseRgwOps("{\"bucket\":\"logtest\",\"time\":\"2026-12-06T21:03:15Z\","
                + "\"user\":\"bob\",\"operation\":\"get_obj\",\"uri\":\"GET /t/orders/part-0.parquet?x-id=GetObject"
                + " HTTP/1.1\",\"http_status\":\"403\"}");
        assertThat(denied.key()).as("virtual-host style").isEqualTo("t/orders/part-0.parquet");
        assertThat(denied.isSuccessfulRead()).isFalse();
        S3AccessLog created = S3AccessLog.parseRgwOps("{\"bucket\":\"logtest\",\"time\":\"2026-12-06T21:03:14Z\","
                + "\"user\":\"alice\",\"operation\":\"create_bucket\",\"uri\":\"PUT /logtest HTTP/1.1\","
                + "\"http_status\":\"200\"}");
        assertThat(created)
                .isEqualTo(new S3AccessLog(
                        "logtest", Instant.parse("2026-12-06T21:03:14Z"), "alice", "RGW.create_bucket", null, 200));
        assertThat(S3AccessLog.parseRgwOps("{\"bucket\":\"b\"}")).isNull();
        assertThat(S3AccessLog.parseRgwOps("{\"bucket\":\"b\",\"time\":\"now\",\"http_status\":\"200\"}"))
                .isNull();
        assertThat(S3AccessLog.parseRgwOps("{not json")).isNull();
    }
}
