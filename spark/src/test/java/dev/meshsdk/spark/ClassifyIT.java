package dev.meshsdk.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ClassifyResult;
import dev.meshsdk.ClassifyResult.Finding;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.Mesh;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link Mesh#classify} on real stores: a PostgreSQL table (embedded server) and a 200,000-row Delta table of the
 * {@code local} adapter, sampled through the stores' own PortData ({@code PostgresPortData}, {@link SparkPortData}),
 * found as users' builds find them;
 * the columns that look personal and are not classified are found, the classified ones and the ordinary ones
 * are not, and no value is in the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassifyIT {
    static final int VISITS = 200_000;
    private final SparkSession spark = TestSpark.session();
    private Path base;
    private RestartablePostgres pg;

    private void product(String id, String servers, String table, String properties) throws IOException {
        MeshProjects.product(
                base.resolve("mesh"), id, MeshProjects.contract(id, "1.0.0", servers, table, properties), null, null);
    }

    private static String props(String... nameTypeClass) {
        StringBuilder b = new StringBuilder();
        for (String p : nameTypeClass) {
            String[] x = p.split(":");
            b.append("      - name: ")
                    .append(x[0])
                    .append("\n        logicalType: ")
                    .append(x[1])
                    .append('\n');
            if (x.length > 2) b.append("        classification: ").append(x[2]).append('\n');
        }
        return b.toString();
    }

    private Mesh mesh() {
        return Mesh.builder()
                .baseDirectory(base)
                .environment("dev")
                .secrets(pg.secrets(Secrets.none()))
                .build();
    }

    @BeforeAll
    void deployAndLoad() throws IOException {
        base = TestSpark.newDir("classify");
        pg = new RestartablePostgres(base.resolve("pgdata"));
        product(
                "crm",
                MeshProjects.postgresServer(pg.port(), "crm"),
                "customers",
                props(
                        "customer_id:string",
                        "contact:string",
                        "private_mail:string:pii",
                        "phone:string",
                        "payout_iban:string",
                        "segment:string",
                        "surname:string"));
        product(
                "web",
                MeshProjects.localServer("data/web"),
                "visits",
                props(
                        "visit_id:integer",
                        "visitor_ip:string",
                        "card:string",
                        "date_of_birth:date",
                        "page:string",
                        "visited_on:date",
                        "first_name:string:restricted"));
        try (Mesh m = mesh()) {
            m.deploy(List.of(base.resolve("mesh/crm"), base.resolve("mesh/web")));
        }
        pg.exec(
                "INSERT INTO crm.customers SELECT 'C-' || g, 'user' || g || '@example.com', 'user' || g || '@example.org',"
                        + " '+49 30 ' || (1000000 + g), CASE WHEN g % 2 = 0 THEN 'DE89370400440532013000' ELSE 'GB82WEST12345698765432' END,"
                        + " (ARRAY['gold','silver','bronze'])[1 + g % 3], (ARRAY['Müller','Smith','García','O''Brien'])[1 + g % 4]"
                        + " FROM generate_series(1, 5000) g",
                "ANALYZE crm.customers");
        spark.range(VISITS)
                .selectExpr(
                        "id AS visit_id",
                        "concat('10.', id % 200, '.', id % 250, '.', id % 199) AS visitor_ip",
                        "CASE WHEN id % 3 = 0 THEN '4111 1111 1111 1111' ELSE '5555555555554444' END AS card",
                        "date_add(DATE'1950-01-01', CAST(id % 20000 AS INT)) AS date_of_birth",
                        "concat('/page/', id % 50) AS page",
                        "date_add(DATE'2026-01-01', CAST(id % 100 AS INT)) AS visited_on",
                        "CASE WHEN id % 2 = 0 THEN 'Jane' ELSE 'Jean-Luc' END AS first_name")
                .repartition(4)
                .write()
                .format("delta")
                .mode("append")
                .save(base.resolve("data/web/visits").toUri().toString());
    }

    @AfterAll
    void stop() {
        if (pg != null) pg.close();
    }

    @Test
    void findsUnclassifiedPersonalDataInEveryStoreAndNamesNoValue() {
        ClassifyResult result;
        long took;
        try (Mesh m = mesh()) {
            m.classify(); // warm-up: the first Spark job of a JVM pays for class loading and code generation
            long start = System.nanoTime();
            result = m.classify();
            took = (System.nanoTime() - start) / 1_000_000;
        }
        System.out.println("classify of 2 ports (5,000 PostgreSQL rows, " + VISITS + " Delta rows): " + took + " ms");

        assertThat(result.warnings()).isEmpty();
        assertThat(result.ports()).isEqualTo(2);
        assertThat(result.findings())
                .extracting(f -> f.productId() + "/" + f.table() + "." + f.column() + ":" + f.detector())
                .containsExactly(
                        "crm/customers.contact:email",
                        "crm/customers.phone:phone",
                        "crm/customers.payout_iban:iban",
                        "crm/customers.surname:person_name",
                        "web/visits.visitor_ip:ip_address",
                        "web/visits.card:card_number",
                        "web/visits.date_of_birth:date_of_birth");
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.share()).as(f.describe()).isEqualTo(1.0);
            assertThat(f.sampled()).as(f.describe()).isBetween(4_000L, 10_000L);
        });
        Finding ip = result.findings().get(4);
        assertThat(ip.sampled())
                .as("a sample of the Delta table, not all of it")
                .isLessThanOrEqualTo(10_000L);
        String shown = result + result.summary();
        assertThat(shown).doesNotContain("@example.com", "DE8937", "+49 30", "4111", "10.1.", "Müller", "1950-");
    }

    @Test
    void classifiesTheProductsAskedForOnly() {
        try (Mesh m = mesh()) {
            assertThat(m.classify(List.of("web")).findings())
                    .extracting(Finding::productId)
                    .containsOnly("web");
            MeshException e = catchThrowableOfType(MeshException.class, () -> m.classify(List.of("nope")));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("Cannot classify product 'nope': it is not deployed to 'dev';"
                            + " deployed products: [crm, web]");
            assertThat(m.classify(List.of("crm")).summary())
                    .startsWith(
                            "Found what looks like personal data in 4"
                                    + " unclassified column(s) of the 1 port(s) sampled in 'dev':\n  crm/crm v1 customers.contact: email in 100.0%");
        }
    }
}
