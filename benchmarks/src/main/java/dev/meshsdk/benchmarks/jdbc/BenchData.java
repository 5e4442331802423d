package dev.meshsdk.benchmarks.jdbc;

import dev.meshsdk.model.QualityRule;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Threshold;
import dev.meshsdk.testkit.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The table the JDBC benchmarks load and check: {@code orders(id bigint primary key, name text,
 * amount numeric(12,2), status text, email text)}, and its rows generated once, as CSV text for COPY and
 * as columns for batch inserts. Some names and amounts are missing, some statuses and emails invalid and
 * some emails repeated, so every metric counts something.
 */
final class BenchData {
    static final String OBJECT = "orders";
    static final List<String> STATUSES = List.of("open", "shipped", "cancelled");
    static final String EMAIL_PATTERN = "^[a-z0-9.]+@[a-z0-9.]+$";

    final int rows;
    final String csv;
    final long[] id;
    final String[] name;
    final BigDecimal[] amount;
    final String[] status;
    final String[] email;

    BenchData(int rows) {
        this.rows = rows;
        id = new long[rows];
        name = new String[rows];
        amount = new BigDecimal[rows];
        status = new String[rows];
        email = new String[rows];
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder b = new StringBuilder(rows * 56).append("id,name,amount,status,email\n");
        for (int i = 0; i < rows; i++) {
            id[i] = i + 1L;
            int r = random.nextInt(1000);
            name[i] = r < 5 ? null : r < 8 ? "" : "customer " + random.nextInt(100_000);
            amount[i] = r % 97 == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            status[i] = r == 999 ? "lost" : STATUSES.get(r % 3);
            email[i] = r == 998 ? "not an email" : "user" + random.nextInt(rows) + "@example.org";
            b.append(id[i])
                    .append(',')
                    .append(csvValue(name[i]))
                    .append(',')
                    .append(amount[i] == null ? "" : amount[i].toPlainString())
                    .append(',')
                    .append(status[i])
                    .append(',')
                    .append(email[i])
                    .append('\n');
        }
        csv = b.toString();
    }

    /** In CSV an unquoted empty field is NULL and a quoted one the empty string. */
    private static String csvValue(String v) {
        if (v == null) return "";
        if (v.isEmpty()) return "\"\"";
        return v;
    }

    /** The schema object, with {@code rules} on its properties (name to rules). */
    static SchemaObject object(Map<String, List<QualityRule>> rules) {
        return Fixtures.object(
                OBJECT,
                List.of(
                        withRules(Fixtures.idProperty(), rules),
                        withRules(Fixtures.nameProperty(), rules),
                        withRules(Fixtures.amountProperty(), rules),
                        withRules(Fixtures.property("status", "string"), rules),
                        withRules(Fixtures.property("email", "string"), rules)));
    }

    private static SchemaProperty withRules(SchemaProperty p, Map<String, List<QualityRule>> rules) {
        return new SchemaProperty(
                p.id(),
                p.name(),
                p.physicalName(),
                p.logicalType(),
                p.physicalType(),
                p.logicalTypeOptions(),
                p.description(),
                p.businessName(),
                p.required(),
                p.unique(),
                p.primaryKey(),
                p.primaryKeyPosition(),
                p.partitioned(),
                p.partitionKeyPosition(),
                p.classification(),
                p.tags(),
                rules.getOrDefault(p.name(), List.of()),
                p.properties(),
                p.items(),
                p.customProperties(),
                p.extensions());
    }

    /** A library rule with a threshold {@code op value}, severity {@code severity} (null: blocking). */
    static QualityRule rule(String metric, Map<String, Object> args, String op, long value, String severity) {
        return new QualityRule(
                null,
                metric,
                null,
                "library",
                metric,
                args,
                Optional.of(new Threshold(Threshold.Operator.ofKey(op), List.of(BigDecimal.valueOf(value)))),
                null,
                null,
                null,
                null,
                severity,
                null,
                List.of(),
                Map.of());
    }
}
