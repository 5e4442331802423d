package dev.meshsdk.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.PublishReport;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.DataFiles;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest;
import dev.meshsdk.spi.data.PublishRequest.FileFormat;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.quality.ScopedRule;
import dev.meshsdk.spi.quality.ScopedRules;
import dev.meshsdk.spi.registry.QualityRecord;
import dev.meshsdk.testkit.QualityRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Mesh.publish} into a real PostgreSQL table: product {@code shop} ({@link ShopMesh}) deployed from YAML
 * with the postgres registry, files of every format published through the {@code postgres} data module found by
 * the ServiceLoader, the table and the registry's quality history read back.
 */
class PostgresPublishIT {
    @TempDir
    Path dir;

    ShopMesh shop;

    @BeforeEach
    void deploy() {
        shop = new ShopMesh(dir).deploy();
    }

    @Test
    void aCsvWithItsColumnsInAnotherOrderIsMatchedByNameAndRecorded() {
        Path csv = shop.file("orders.csv", "amount,name,id\n10.50,Ann,1\n20,\"Bob, Jr.\",2\n");
        try (Mesh mesh = shop.mesh()) {
            PublishReport r = mesh.publish("shop", "orders", csv, Mode.REPLACE);

            assertThat(r.rows()).isEqualTo(2);
            assertThat(r.total()).isEqualTo(2);
            assertThat(r.table()).isEqualTo(shop.schema + ".orders");
            assertThat(r.version()).as("the transaction id").isNotBlank();
            assertThat(r.results()).extracting(QualityResult::status).containsOnly(QualityResult.Status.PASSED);
            assertThat(shop.rows()).isEqualTo("1:Ann:10.50,2:Bob, Jr.:20.00");
            List<QualityRecord> kept = mesh.catalog().quality("shop", "orders", 5);
            assertThat(kept).singleElement().satisfies(q -> {
                assertThat(q.source()).isEqualTo("publish");
                assertThat(q.rows()).isEqualTo(2);
                assertThat(q.results())
                        .extracting(QualityRecord.Result::rule)
                        .containsExactly("names unique", "amounts present");
            });
            assertThat(mesh.metrics().counter("mesh.publish.rows").getCount()).isEqualTo(2);
        }
    }

    @Test
    void jsonLinesAppendAndParquetReplace() throws IOException {
        Path jsonl = shop.file("orders.jsonl", """
                {"amount": 1.25, "id": 7, "name": "Cy"}

                {"id": 8, "amount": 1234567890.99}
                """);
        Path parquet = dir.resolve("orders.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message orders { optional binary name (STRING);"
                + " optional int64 amount (DECIMAL(12,2)); required int64 id; }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(parquet.toUri()))
                .withType(schema)
                .withConf(new Configuration())
                .build()) {
            w.write(groups.newGroup()
                    .append("name", "Dee")
                    .append("amount", 1999L)
                    .append("id", 20L));
            w.write(groups.newGroup().append("amount", 5L).append("id", 21L).append("name", "Ed \"E\""));
        }
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            PublishReport appended = mesh.publish("shop", "orders", jsonl, Mode.APPEND);
            assertThat(appended.rows()).isEqualTo(2);
            assertThat(appended.total()).as("unknown after an append").isEqualTo(-1);
            assertThat(shop.rows()).isEqualTo("1:Ann:1.00,7:Cy:1.25,8:-:1234567890.99");

            PublishReport replaced = mesh.publish("shop", "orders", parquet, Mode.REPLACE);
            assertThat(replaced.format()).isEqualTo(dev.meshsdk.spi.data.PublishRequest.FileFormat.PARQUET);
            assertThat(shop.rows()).isEqualTo("20:Dee:19.99,21:Ed \"E\":0.05");
            assertThat(mesh.catalog().quality("shop", "orders", 10)).hasSize(3).allSatisfy(q -> assertThat(q.source())
                    .isEqualTo("publish"));
        }
    }

    @Test
    void missingAndUnknownColumnsAreNamedAndNothingIsPublished() {
        Path csv = shop.file("orders.csv", "id,amt,name\n1,10,Ann\n");
        try (Mesh mesh = shop.mesh()) {
            MeshException e =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", csv, Mode.REPLACE));

            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage())
                    .isEqualTo(csv + ":1:4: Cannot publish " + csv + " to port 'orders' of product 'shop': its"
                            + " columns do not match object 'orders' of contract shop-orders 1.0.0: missing 'amount'; not in"
                            + " the contract 'amt' (perhaps you meant 'amount'); name every column of the contract once, in any order, and no other (the"
                            + " contract's columns: 'id', 'name', 'amount')");
            assertThat(shop.rows()).isEmpty();
            assertThat(mesh.catalog().quality("shop", "orders", 5)).isEmpty();
        }
    }

    @Test
    void aBadRowNamesFileLineAndColumnButNeverTheValue() {
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            Path csv = shop.file("orders.csv", "name,id,amount\nAnn,1,10\n\"Bob\nSmith\",2,12x.50\n");
            MeshException e =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", csv, Mode.REPLACE));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage())
                    .isEqualTo(csv + ":4:10: Cannot publish to port 'orders' of product 'shop':"
                            + " column 'amount' is not a valid numeric(12,2); nothing was published, fix the file and publish"
                            + " again")
                    .doesNotContain("12x");
            assertThat(e.getCause()).isNull();

            Path noId = shop.file("no-id.csv", "id,name,amount\n3,Cy,1\n,Secret Name,2\n");
            MeshException required =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", noId, Mode.APPEND));
            assertThat(required.getMessage())
                    .startsWith(noId + ":3:1: Cannot publish to port 'orders' of product"
                            + " 'shop': column 'id' has no value, and the contract requires one")
                    .doesNotContain("Secret");

            Path again = shop.file("again.csv", "id,name,amount\n1,Secret Name,1\n");
            MeshException key =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", again, Mode.APPEND));
            assertThat(key.getMessage())
                    .startsWith(again + ":2:1: Cannot publish to port 'orders' of product 'shop':"
                            + " column 'id' repeats a key that is already in the table")
                    .doesNotContain("Secret", "=(1)");

            Path jsonl = shop.file("bad.jsonl", "{\"id\": 4, \"amount\": 1}\n{\"id\": 5, \"amount\": \"12x.50\"}\n");
            MeshException json =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", jsonl, Mode.APPEND));
            assertThat(json.getMessage())
                    .isEqualTo(jsonl + ":2:11: Cannot publish to port 'orders' of product"
                            + " 'shop': column 'amount' is not a valid numeric(12,2); nothing was published, fix the file and"
                            + " publish again");
            Path broken = shop.file("broken.jsonl", "{\"id\": 4, \"amount\": 1}\n{\"id\": 5, \"name\": Secret}\n");
            assertThat(catchThrowableOfType(
                                    MeshException.class, () -> mesh.publish("shop", "orders", broken, Mode.APPEND))
                            .getMessage())
                    .startsWith(broken + ":2:")
                    .contains("the line is not one JSON object")
                    .doesNotContain("Secret");

            // COPY stops at the first bad value; the others are looked for once it has failed, each located
            Path many = shop.file(
                    "many.csv",
                    "id,name,amount\n7,\"Di\nDo\",7x\n8,Ed,8.00\nx9,Flo,9y\n,Gus,1\n" + "12,Hal,2\n".repeat(3)
                            + "13,Ida,3z\n".repeat(9));
            MeshException several =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", many, Mode.APPEND));
            assertThat(several.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(several.getMessage())
                    .isEqualTo(String.join(
                            System.lineSeparator(),
                            many + ":3:5: Cannot publish to port 'orders' of product 'shop': 13 bad values in the file"
                                    + " ('id' 2, 'amount' 11), the first 10 below; nothing was published, fix the file"
                                    + " and publish again",
                            many + ":3:5: column 'amount' is not a valid numeric(12,2)",
                            many + ":5:1: column 'id' is not a valid bigint",
                            many + ":5:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":6:1: column 'id' has no value, and the contract requires one",
                            many + ":10:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":11:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":12:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":13:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":14:8: column 'amount' is not a valid numeric(12,2)",
                            many + ":15:8: column 'amount' is not a valid numeric(12,2)",
                            "and 3 more"))
                    .doesNotContain("7x", "x9", "9y", "3z", "Gus");
            assertThat(shop.rows()).as("every failure left the table as it was").isEqualTo("1:Ann:1.00");
            assertThat(mesh.catalog().quality("shop", "orders", 10))
                    .as("only the first publish")
                    .hasSize(1);
        }
    }

    @Test
    void aFailedBlockingRuleNamesRuleValueAndFileAndLeavesTheTableUnchanged() {
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            // the rows breaking the rule are named by line (a quoted line break followed), as on Delta
            Path csv = shop.file("orders.csv", "id,name,amount\n2,Bob,\n3,\"Secret\nName\",\n4,Dee,4\n");
            for (Mode mode : Mode.values()) {
                PublishBlockedException e = catchThrowableOfType(
                        PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, mode));
                assertThat(e.getMessage())
                        .isEqualTo(String.join(
                                System.lineSeparator(),
                                csv + ":2:7: Cannot publish " + csv + " to port 'orders' of product 'shop':"
                                        + " 1 blocking quality rule(s) failed on "
                                        + (mode == Mode.APPEND ? "the port's rows with its rows appended" : "its rows")
                                        + ": rule 'amounts present' on orders.amount:"
                                        + " measured 2, expected mustBe 0; nothing was published, the port is as it"
                                        + " was; fix the data and publish again",
                                csv + ":2:7: column 'amount' has no value (rule 'amounts present')",
                                csv + ":4:7: column 'amount' has no value (rule 'amounts present')"))
                        .doesNotContain("Secret");
                assertThat(e.offendingTotal()).isEqualTo(2);
                assertThat(shop.rows()).isEqualTo("1:Ann:1.00");
            }
            assertThat(mesh.catalog().quality("shop", "orders", 10)).hasSize(1);
            assertThat(mesh.metrics().counter("mesh.publish.blocked").getCount())
                    .isEqualTo(2);
        }
    }

    /**
     * A blocking rule no condition can express ({@code invalidValues} without valid values or a pattern: the
     * descriptor checks refuse it in a contract, but the {@code PortData} SPI takes the rules it is given) is an
     * {@code ERROR} result that blocks, and no row can be placed for it; the rows of the other blocking rules still
     * are, as on Delta.
     */
    @Test
    void aBlockingRuleThatCannotBePlacedLeavesTheOtherRulesRowsPlaced() {
        try (Mesh mesh = shop.mesh();
                PortData data = new PostgresPlugin().portData().get(0).create(shop.pg.context())) {
            PortBinding port = mesh.catalog().binding("shop", "orders");
            List<ScopedRule> rules = new ArrayList<>();
            rules.add(QualityRules.library("name", "invalidValues", QualityRules.mustBe("mustBe", 0)));
            rules.addAll(ScopedRules.of(port.contract()));
            Path csv = shop.file("orders.csv", "id,name,amount\n2,Bob,\n3,Cy,3\n4,Dee,\n");

            PublishBlockedException e = catchThrowableOfType(
                    PublishBlockedException.class,
                    () -> data.publish(port, new PublishRequest(csv, FileFormat.CSV, Mode.REPLACE, "orders", rules)));

            assertThat(e.results())
                    .filteredOn(QualityResult::blocks)
                    .extracting(q -> q.rule().rule().label(), QualityResult::status)
                    .containsExactly(
                            tuple("invalidValues-name", QualityResult.Status.ERROR),
                            tuple("amounts present", QualityResult.Status.FAILED));
            assertThat(e.offending())
                    .extracting(DataFiles.BadValue::describe)
                    .containsExactly(
                            csv + ":2:7: column 'amount' has no value (rule 'amounts present')",
                            csv + ":4:7: column 'amount' has no value (rule 'amounts present')");
            assertThat(e.offendingTotal()).isEqualTo(2);
            assertThat(e.getSuppressed())
                    .as("nothing failed while placing the rows")
                    .isEmpty();
            assertThat(shop.rows()).isEmpty();
        }
    }

    @Test
    void aRefusedAppendNamesTheLinesRepeatingAKeyOfTheTableOrOfAnEarlierLine() throws Exception {
        ShopMesh unique = new ShopMesh(java.nio.file.Files.createDirectories(dir.resolve("unique")))
                .uniqueNamesBlocking()
                .deploy();
        try (Mesh mesh = unique.mesh()) {
            mesh.publish("shop", "orders", unique.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            Path csv = unique.file("more.csv", "id,name,amount\n2,Bo,2\n3,Ann,3\n4,Bo,4\n5,Cy,5\n");
            PublishBlockedException e = catchThrowableOfType(
                    PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, Mode.APPEND));
            assertThat(e.getMessage())
                    .startsWith(csv + ":3:3: Cannot publish " + csv)
                    .contains("rule 'names unique' on orders.name: measured 2, expected mustBe 0")
                    .endsWith(String.join(
                            System.lineSeparator(),
                            "",
                            csv + ":3:3: column 'name' repeats a key already in the table (rule 'names unique')",
                            csv + ":4:3: column 'name' repeats the value of an earlier row (rule 'names unique')"))
                    .doesNotContain("Ann", "Bo");
            assertThat(unique.rows()).isEqualTo("1:Ann:1.00");
            // replacing, the table's rows do not count: only the repeat within the file
            PublishBlockedException replaced = catchThrowableOfType(
                    PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, Mode.REPLACE));
            assertThat(replaced.getMessage())
                    .startsWith(csv + ":4:3: Cannot publish ")
                    .endsWith(System.lineSeparator() + csv
                            + ":4:3: column 'name' repeats the value of an earlier row (rule 'names unique')");
        }
    }

    @Test
    void factsAndSampleReadTheTable() {
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 500; i++)
            csv.append(i).append(",n").append(i).append(',').append(i).append('\n');
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("many.csv", csv.toString()), Mode.REPLACE);
            var port = mesh.catalog().binding("shop", "orders");
            var data = new PostgresPlugin().portData().get(0).create(shop.pg.context());

            TableFacts facts = data.facts(port, "orders");
            assertThat(facts.rows()).isEqualTo(500);
            assertThat(facts.bytes()).isPositive();
            Sample sample = data.sample(port, "orders", 10);
            assertThat(sample.columns()).containsExactly("id", "name", "amount");
            assertThat(sample.rows()).hasSize(10).allSatisfy(r -> assertThat(r.get(1))
                    .isEqualTo("n" + r.get(0)));
            assertThat(sample.toString()).doesNotContain("n1");
        }
    }
}
