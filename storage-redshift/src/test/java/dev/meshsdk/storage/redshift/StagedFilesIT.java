package dev.meshsdk.storage.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Staging gzip CSV parts in a real S3 protocol server (S3Proxy, in process) with AWS SDK v2. */
class StagedFilesIT {
    private static final String HEADER = "id,name,amount\n";
    private static final String RECORDS =
            "1,Ann,1.50\n2,\"Bob, \"\"the builder\"\"\",2\n3,\"two\nlines\",3\n4,,4\n5,Eve,5";

    private final TestS3 s3 = TestS3.get();
    private final String folder = "staging/orders/" + UUID.randomUUID() + "/";

    @Test
    void writesGzipPartsOfWholeRecordsEachWithTheHeader() throws IOException {
        StagedFiles files =
                StagedFiles.upload(s3.client, TestS3.BUCKET, folder, new StringReader(HEADER + RECORDS), 40);

        assertThat(files.records()).isEqualTo(5);
        assertThat(files.keys()).hasSizeGreaterThan(1).allMatch(k -> k.startsWith(folder) && k.endsWith(".csv.gz"));
        assertThat(s3.keys(folder)).isEqualTo(files.keys());
        assertThat(files.uri()).isEqualTo("s3://team-bucket/" + folder);
        StringBuilder data = new StringBuilder();
        for (String key : files.keys()) {
            String text = s3.gunzipped(key);
            assertThat(text).startsWith(HEADER).endsWith("\n");
            data.append(text.substring(HEADER.length()));
        }
        assertThat(data.toString()).isEqualTo(RECORDS + "\n");
    }

    @Test
    void deleteRemovesEveryPart() throws IOException {
        StagedFiles files =
                StagedFiles.upload(s3.client, TestS3.BUCKET, folder, new StringReader(HEADER + RECORDS), 20);
        assertThat(s3.keys(folder)).isNotEmpty();

        assertThat(files.delete(s3.client)).isEmpty();
        assertThat(s3.keys(folder)).isEmpty();
    }

    @Test
    void aFailureWhileStagingLeavesNoObjectBehind() {
        Reader failing = new StringReader(HEADER + RECORDS + "\n" + RECORDS) {
            private int reads;

            @Override
            public int read(char[] b, int off, int len) throws IOException {
                if (++reads > 1) throw new IOException("disk gone");
                return super.read(b, off, Math.min(len, 60));
            }
        };

        assertThatThrownBy(() -> StagedFiles.upload(s3.client, TestS3.BUCKET, folder, failing, 20))
                .isInstanceOf(IOException.class)
                .hasMessage("disk gone");
        assertThat(s3.keys(folder)).isEmpty();
    }

    @Test
    void refusesAnEmptyCsvAndAnOpenQuote() {
        assertThatThrownBy(() -> StagedFiles.upload(s3.client, TestS3.BUCKET, folder, new StringReader(""), 20))
                .hasMessage("the CSV is empty; it needs a header line");
        assertThatThrownBy(() -> StagedFiles.upload(
                        s3.client, TestS3.BUCKET, folder, new StringReader(HEADER + "1,\"open\n"), 20))
                .hasMessage("the CSV ends inside a quoted field");
        assertThat(s3.keys(folder)).isEmpty();
    }
}
