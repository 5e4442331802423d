package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.PublishReport;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PublishRequest.Mode;
import dev.meshsdk.spi.data.Sample;
import dev.meshsdk.spi.data.TableFacts;
import dev.meshsdk.spi.quality.PublishBlockedException;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.registry.QualityRecord;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code Mesh.publish} into a local Delta table through the {@code spark} data module, as a build would run it:
 * product {@code shop} ({@link ShopProduct}) deployed from YAML with the file registry and the local adapter, files
 * of every format read with the real Spark session, the table's Delta versions and rows and the registry's quality
 * history read back.
 */
class SparkPublishIT {
    private final SparkSession spark = TestSpark.session();

    @Test
    void csvMatchedByNameReplacesThenJsonLinesAppendsAndEachPublishIsRecorded() {
        ShopProduct shop = new ShopProduct().deploy();
        long v = shop.version();
        try (Mesh mesh = shop.mesh()) {
            PublishReport replaced = mesh.publish(
                    "shop",
                    "orders",
                    shop.file("orders.csv", "amount,name,id\n10.50,Ann,1\n20,\"Bob, Jr.\",2\n30,\"Ed \"\"E\"\"\",3\n"),
                    Mode.REPLACE);
            assertThat(replaced.rows()).isEqualTo(3);
            assertThat(replaced.total()).isEqualTo(3);
            assertThat(replaced.version()).isEqualTo(String.valueOf(v + 1));
            assertThat(shop.rows()).isEqualTo("1:Ann:10.50,2:Bob, Jr.:20.00,3:Ed \"E\":30.00");

            PublishReport appended = mesh.publish("shop", "orders", shop.file("more.jsonl", """
                    {"amount": 1.25, "id": 7, "name": "Cy"}

                    {"ID": 8, "amount": 3}
                    """), Mode.APPEND);
            assertThat(appended.rows()).isEqualTo(2);
            assertThat(appended.total()).isEqualTo(5);
            assertThat(appended.version()).isEqualTo(String.valueOf(v + 2));
            assertThat(appended.results())
                    .extracting(r -> r.rule().rule().label())
                    .containsExactly("names unique", "amounts present", "required id");
            assertThat(shop.rows()).isEqualTo("1:Ann:10.50,2:Bob, Jr.:20.00,3:Ed \"E\":30.00,7:Cy:1.25,8:-:3.00");

            List<QualityRecord> kept = mesh.catalog().quality("shop", "orders", 5);
            assertThat(kept).hasSize(2).allSatisfy(q -> assertThat(q.source()).isEqualTo("publish"));
            assertThat(kept).extracting(QualityRecord::rows).containsExactly(2L, 3L);
        }
    }

    @Test
    void aParquetFileIsMatchedByNameAndWidenedToTheTablesTypes() throws IOException {
        ShopProduct shop = new ShopProduct().deploy();
        Path folder = shop.base.resolve("parquet-out");
        spark.sql("SELECT 'Dee' AS name, CAST(19.99 AS DECIMAL(4,2)) AS amount, CAST(20 AS INT) AS id UNION ALL"
                        + " SELECT 'Ed', CAST(0.05 AS DECIMAL(4,2)), CAST(21 AS INT)")
                .coalesce(1)
                .write()
                .parquet(folder.toString());
        Path parquet = shop.base.resolve("orders.parquet");
        try (Stream<Path> files = Files.list(folder)) {
            Files.copy(
                    files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                            .findFirst()
                            .orElseThrow(),
                    parquet);
        }
        try (Mesh mesh = shop.mesh()) {
            PublishReport r = mesh.publish("shop", "orders", parquet, Mode.REPLACE);
            assertThat(r.rows()).isEqualTo(2);
            assertThat(shop.rows()).isEqualTo("20:Dee:19.99,21:Ed:0.05");
        }
    }

    @Test
    void missingAndUnknownColumnsAreNamedAndNothingIsCommitted() {
        ShopProduct shop = new ShopProduct().deploy();
        long v = shop.version();
        try (Mesh mesh = shop.mesh()) {
            Path csv = shop.file("orders.csv", "id,amt,name\n1,10,Ann\n");
            MeshException e =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", csv, Mode.APPEND));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage())
                    .isEqualTo(csv + ":1:4: Cannot publish " + csv + " to port 'orders' of product 'shop': its"
                            + " columns do not match object 'orders' of contract shop-orders 1.0.0: missing 'amount'; not in"
                            + " the contract 'amt' (perhaps you meant 'amount'); name every column of the contract once, in any order, and no other (the"
                            + " contract's columns: 'id', 'name', 'amount')");

            Path jsonl = shop.file("orders.jsonl", "{\"id\": 1, \"amount\": 2}\n{\"id\": 2, \"amt\": 3}\n");
            MeshException key =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", jsonl, Mode.APPEND));
            assertThat(key.getMessage())
                    .startsWith(jsonl + ":2:11: Cannot publish " + jsonl + " to port 'orders' of"
                            + " product 'shop': its columns do not match object 'orders' of contract shop-orders 1.0.0: not in"
                            + " the contract 'amt'");
            assertThat(shop.version()).isEqualTo(v);
        }
    }

    @Test
    void aBadRowNamesFileLineAndColumnButNeverTheValue() {
        ShopProduct shop = new ShopProduct().deploy();
        long v = shop.version();
        try (Mesh mesh = shop.mesh()) {
            Path csv = shop.file("orders.csv", "name,id,amount\nAnn,1,10\n\"Bob\nSmith\",2,12x.50\n");
            MeshException e =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", csv, Mode.REPLACE));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage())
                    .isEqualTo(csv + ":4:10: Cannot publish to port 'orders' of product 'shop':"
                            + " column 'amount' is not a valid decimal(12,2); nothing was published, fix the file and publish"
                            + " again")
                    .doesNotContain("12x");

            // several bad values: each located on a line of its own, in the file's order, counted per column
            Path many = shop.file("many.csv", "id,name,amount\n1,Ann,1x\n2,Bob,2\nx3,Cy,3\n4,Dee,4y\n");
            MeshException counted =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", many, Mode.REPLACE));
            assertThat(counted.getMessage())
                    .isEqualTo(String.join(
                            System.lineSeparator(),
                            many + ":2:7: Cannot publish to port 'orders' of product 'shop': 3 bad values in the file"
                                    + " ('id' 1, 'amount' 2), the first 3 below; nothing was published, fix the file and"
                                    + " publish again",
                            many + ":2:7: column 'amount' is not a valid decimal(12,2)",
                            many + ":4:1: column 'id' is not a valid bigint",
                            many + ":5:7: column 'amount' is not a valid decimal(12,2)"))
                    .doesNotContain("1x")
                    .doesNotContain("x3")
                    .doesNotContain("4y");

            // more than ten: the first ten, then how many more
            StringBuilder twelve = new StringBuilder("id,name,amount\n");
            for (int i = 1; i <= 12; i++)
                twelve.append(i).append(",n,").append(i).append("z\n");
            Path lots = shop.file("lots.csv", twelve.toString());
            List<String> lines = List.of(
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", lots, Mode.REPLACE))
                            .getMessage()
                            .split(System.lineSeparator()));
            assertThat(lines).hasSize(12);
            assertThat(lines.get(0))
                    .startsWith(lots + ":2:5: Cannot publish to port 'orders' of product 'shop': 12 bad"
                            + " values in the file ('amount' 12), the first 10 below;");
            assertThat(lines.subList(1, 11))
                    .extracting(l -> l.substring(lots.toString().length()))
                    .containsExactly(
                            ":2:5: column 'amount' is not a valid decimal(12,2)",
                            ":3:5: column 'amount' is not a valid decimal(12,2)",
                            ":4:5: column 'amount' is not a valid decimal(12,2)",
                            ":5:5: column 'amount' is not a valid decimal(12,2)",
                            ":6:5: column 'amount' is not a valid decimal(12,2)",
                            ":7:5: column 'amount' is not a valid decimal(12,2)",
                            ":8:5: column 'amount' is not a valid decimal(12,2)",
                            ":9:5: column 'amount' is not a valid decimal(12,2)",
                            ":10:5: column 'amount' is not a valid decimal(12,2)",
                            ":11:6: column 'amount' is not a valid decimal(12,2)");
            assertThat(lines.get(11)).isEqualTo("and 2 more");

            // JSON lines alike: the line of each object, the column of its key
            Path badJson = shop.file(
                    "many.jsonl",
                    "{\"id\": 1, \"amount\": \"1x\"}\n{\"id\": 2, \"amount\": 2}\n{\"id\": 3, \"amount\": \"3y\"}\n");
            assertThat(catchThrowableOfType(
                                    MeshException.class, () -> mesh.publish("shop", "orders", badJson, Mode.APPEND))
                            .getMessage())
                    .isEqualTo(String.join(
                            System.lineSeparator(),
                            badJson + ":1:11: Cannot publish to port 'orders' of product 'shop': 2 bad values in the"
                                    + " file ('amount' 2), the first 2 below; nothing was published, fix the file and"
                                    + " publish again",
                            badJson + ":1:11: column 'amount' is not a valid decimal(12,2)",
                            badJson + ":3:11: column 'amount' is not a valid decimal(12,2)"));

            // no value where the contract requires one ('id'): located like a bad value, not only counted by a rule
            Path empty = shop.file("empty.csv", "id,name,amount\n1,Ann,1\n,Bob,2\n");
            MeshException required = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("shop", "orders", empty, Mode.REPLACE));
            assertThat(required.getMessage())
                    .isEqualTo(
                            empty + ":3:1: Cannot publish to port 'orders' of product 'shop': column 'id' has no value,"
                                    + " and the contract requires one; nothing was published, fix the file and publish again")
                    .doesNotContain("Bob");
            Path noKey = shop.file("nokey.jsonl", "{\"id\": 4, \"amount\": 1}\n{\"name\": \"Bob\", \"amount\": 2}\n");
            MeshException missingKey =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", noKey, Mode.APPEND));
            assertThat(missingKey.getMessage())
                    .startsWith(noKey + ":2")
                    .contains("column 'id' has no value, and the contract requires one")
                    .doesNotContain("Bob");

            Path fields = shop.file("fields.csv", "id,name,amount\n1,Ann,1\n2,Secret,2,extra\n");
            MeshException wrong = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("shop", "orders", fields, Mode.REPLACE));
            assertThat(wrong.getMessage())
                    .isEqualTo(fields + ":3: Cannot publish to port 'orders' of product 'shop':"
                            + " the row has 4 field(s) where the header names 3; nothing was published, fix the file and"
                            + " publish again")
                    .doesNotContain("Secret");

            Path jsonl = shop.file("bad.jsonl", "{\"id\": 4, \"amount\": 1}\n\n{\"id\": 5, \"amount\": \"12x.50\"}\n");
            MeshException json =
                    catchThrowableOfType(MeshException.class, () -> mesh.publish("shop", "orders", jsonl, Mode.APPEND));
            assertThat(json.getMessage())
                    .isEqualTo(jsonl + ":3:11: Cannot publish to port 'orders' of product"
                            + " 'shop': column 'amount' is not a valid decimal(12,2); nothing was published, fix the file and"
                            + " publish again");

            Path broken = shop.file("broken.jsonl", "{\"id\": 4, \"amount\": 1}\n{\"id\": 5, \"name\": Secret}\n");
            MeshException notJson = catchThrowableOfType(
                    MeshException.class, () -> mesh.publish("shop", "orders", broken, Mode.APPEND));
            assertThat(notJson.getMessage())
                    .startsWith(broken + ":2:")
                    .contains("the line is not one JSON object")
                    .doesNotContain("Secret");
            assertThat(shop.version()).as("nothing committed").isEqualTo(v);
        }
    }

    @Test
    void aFailedBlockingRuleNamesRuleValueAndFileAndLeavesTheTableAsItWas() throws IOException {
        ShopProduct shop = new ShopProduct().deploy();
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n"), Mode.REPLACE);
            long v = shop.version();
            Path csv = shop.file("orders.csv", "id,name,amount\n2,Bob,\n3,Cy,\n4,Dee,4\n");
            for (Mode mode : Mode.values()) {
                PublishBlockedException e = catchThrowableOfType(
                        PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, mode));
                assertThat(e.getMessage())
                        .isEqualTo(String.join(
                                System.lineSeparator(),
                                csv + ":2:7: Cannot publish " + csv + " to port 'orders' of product 'shop':"
                                        + " 1 blocking quality rule(s) failed on "
                                        + (mode == Mode.APPEND ? "the port's rows with its rows appended" : "its rows")
                                        + ": rule 'amounts present' on"
                                        + " orders.amount: measured 2, expected mustBe 0; nothing was published, the port is"
                                        + " as it was; fix the data and publish again",
                                csv + ":2:7: column 'amount' has no value (rule 'amounts present')",
                                csv + ":3:6: column 'amount' has no value (rule 'amounts present')"));
                assertThat(e.results()).extracting(QualityResult::status).contains(QualityResult.Status.FAILED);
            }
            // JSON lines: the line of the object; Parquet has no lines: the row's number
            Path jsonl = shop.file("orders.jsonl", "{\"id\": 5, \"amount\": 5}\n{\"id\": 6, \"name\": \"Eve\"}\n");
            assertThat(catchThrowableOfType(
                                    PublishBlockedException.class,
                                    () -> mesh.publish("shop", "orders", jsonl, Mode.APPEND))
                            .getMessage())
                    .startsWith(jsonl + ":2: Cannot publish ")
                    .endsWith(System.lineSeparator() + jsonl
                            + ":2: column 'amount' has no value (rule 'amounts present')")
                    .doesNotContain("Eve");
            Path parquet = shop.base.resolve("orders.parquet");
            spark.sql(
                            "SELECT CAST(id AS BIGINT) AS id, concat('n', id) AS name,"
                                    + " CASE WHEN id % 2 = 0 THEN NULL ELSE CAST(id AS DECIMAL(12,2)) END AS amount FROM range(1, 5)")
                    .coalesce(1)
                    .write()
                    .parquet(parquet.toUri().toString());
            Path part = Files.list(parquet)
                    .filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            assertThat(catchThrowableOfType(
                                    PublishBlockedException.class,
                                    () -> mesh.publish("shop", "orders", part, Mode.APPEND))
                            .getMessage())
                    .startsWith(part + ", row 2: Cannot publish ")
                    .endsWith(String.join(
                            System.lineSeparator(),
                            "",
                            part + ", row 2: column 'amount' has no value (rule 'amounts present')",
                            part + ", row 4: column 'amount' has no value (rule 'amounts present')"));
            assertThat(shop.version()).isEqualTo(v);
            assertThat(shop.rows()).isEqualTo("1:Ann:1.00");
            assertThat(mesh.catalog().quality("shop", "orders", 10)).hasSize(1);
        }
    }

    @Test
    void aRefusedAppendNamesTheLinesRepeatingAKeyOfTheTableAndOfTheFile() {
        ShopProduct shop = new ShopProduct().uniqueNames().deploy();
        try (Mesh mesh = shop.mesh()) {
            mesh.publish("shop", "orders", shop.file("first.csv", "id,name,amount\n1,Ann,1\n2,Bob,2\n"), Mode.REPLACE);
            long v = shop.version();
            // line 3 repeats a name of the table, line 5 one of line 4, line 6 one of the table again
            Path csv = shop.file("more.csv", "id,name,amount\n3,Cy,3\n4,Bob,4\n5,Dee,5\n6,Dee,6\n7,Ann,7\n");
            PublishBlockedException e = catchThrowableOfType(
                    PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, Mode.APPEND));
            assertThat(e.getMessage())
                    .isEqualTo(String.join(
                            System.lineSeparator(),
                            csv + ":3:3: Cannot publish " + csv + " to port 'orders' of product 'shop':"
                                    + " 1 blocking quality rule(s) failed on the port's rows with its rows appended:"
                                    + " rule 'names unique' on orders.name: measured 3, expected mustBe 0; nothing was"
                                    + " published, the port is as it was; fix the data and publish again",
                            csv + ":3:3: column 'name' repeats a key already in the table (rule 'names unique')",
                            csv + ":5:3: column 'name' repeats the value of an earlier row (rule 'names unique')",
                            csv + ":6:3: column 'name' repeats a key already in the table (rule 'names unique')"))
                    .doesNotContain("Bob", "Dee", "Ann");
            assertThat(e.offendingTotal()).isEqualTo(3);
            assertThat(shop.version()).as("nothing committed").isEqualTo(v);

            // replacing the table's rows, only the file's own repeat is one
            PublishBlockedException replaced = catchThrowableOfType(
                    PublishBlockedException.class, () -> mesh.publish("shop", "orders", csv, Mode.REPLACE));
            assertThat(replaced.offending())
                    .extracting(b -> b.location() + " " + b.problem())
                    .containsExactly(csv + ":5:3 repeats the value of an earlier row (rule 'names unique')");
        }
    }

    @Test
    void readingACsvFileSparkFindsItsHeaderAsTheSdkReadsIt() {
        ShopProduct shop = new ShopProduct().deploy();
        String checker = "org.apache.spark.sql.catalyst.csv.CSVHeaderChecker";
        try (Mesh mesh = shop.mesh();
                LoggerCapture warnings = LoggerCapture.warnings(checker)) {
            // columns in another order than the table's, and named in another case than the contract's
            Path csv = shop.file("orders.csv", "AMOUNT,name,Id\n10.50,Ann,1\n20,Bob,2\n");
            mesh.publish("shop", "orders", csv, Mode.REPLACE);
            mesh.publish("shop", "orders", csv, Mode.APPEND);
            assertThat(shop.rows()).isEqualTo("1:Ann:10.50,1:Ann:10.50,2:Bob:20.00,2:Bob:20.00");
            assertThat(warnings.text())
                    .as("Spark's header warnings on the SDK's reads")
                    .isEmpty();

            // the capture sees the warning where there is one: a read whose schema does not name the header's columns
            spark.read()
                    .schema("a STRING, b STRING, c STRING")
                    .option("header", "true")
                    .csv(csv.toUri().toString())
                    .collectAsList();
            assertThat(warnings.text()).contains("CSV header does not conform to the schema");
        }
    }

    @Test
    void factsComeFromTheDeltaLogAndSamplesAreSmall() {
        ShopProduct shop = new ShopProduct().deploy();
        spark.range(0, 5000)
                .selectExpr("id", "concat('n', id) AS name", "CAST(id AS DECIMAL(12,2)) AS amount")
                .repartition(5)
                .write()
                .format("delta")
                .mode("append")
                .save(shop.table);
        PortData data = ServiceLoader.load(MeshPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(p -> p.portData().stream())
                .filter(f -> f.name().equals("spark"))
                .findFirst()
                .orElseThrow()
                .create(TestSpark.context(shop.base));
        try (Mesh mesh = shop.mesh()) {
            PortBinding port = mesh.catalog().binding("shop", "orders");
            TableFacts[] facts = new TableFacts[1];
            long read = TestSpark.recordsReadBy(() -> facts[0] = data.facts(port, "orders"));

            assertThat(facts[0].rows()).isEqualTo(5000);
            assertThat(read)
                    .as("records read: the Delta log, not the 5,000 rows")
                    .isLessThan(100);
            Row last = DeltaTable.forPath(spark, shop.table).history(1).first();
            assertThat(facts[0].lastModified())
                    .isEqualTo(last.<java.sql.Timestamp>getAs("timestamp").toInstant());
            assertThat(facts[0].lastModified()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
            assertThat(facts[0].bytes()).isPositive();

            Sample sample = data.sample(port, "orders", 10);
            assertThat(sample.columns()).containsExactly("id", "name", "amount");
            assertThat(sample.rows()).hasSize(10).allSatisfy(r -> assertThat(r.get(1))
                    .isEqualTo("n" + r.get(0)));
            assertThat(sample.scanned()).isEqualTo(5000);
        }
    }
}
