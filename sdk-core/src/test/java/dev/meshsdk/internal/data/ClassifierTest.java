package dev.meshsdk.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.ClassifyResult.Finding;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.internal.engine.Plugins;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.data.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** How a sample is judged: unclassified columns only, the best detector, the share threshold, no values. */
class ClassifierTest {
    private static SchemaProperty prop(String name, String classification) {
        return new SchemaProperty(
                null,
                name,
                null,
                "string",
                null,
                null,
                null,
                null,
                false,
                false,
                false,
                null,
                false,
                null,
                classification,
                null,
                null,
                null,
                null,
                List.<CustomProperty>of(),
                null);
    }

    private static Classifier classifier(Map<String, String> config) {
        return new Classifier(
                new AdapterContext("dev", Path.of("."), config, null, null, DetectorTest.CLOCK),
                new Plugins(List.of()));
    }

    /** 100 rows: a value per column from {@code f(row)}. */
    private static Sample sample(List<String> columns, java.util.function.BiFunction<Integer, String, String> f) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<String> row = new ArrayList<>();
            for (String c : columns) row.add(f.apply(i, c));
            rows.add(row);
        }
        return new Sample(columns, rows, 1_000_000);
    }

    @Test
    void reportsUnclassifiedColumnsThatLookPersonalAndNothingElse() {
        List<String> columns = List.of(
                "order_id", "contact", "private_mail", "note", "first_name", "dob", "client_ip", "payout", "amount");
        Sample s = sample(columns, (i, c) -> switch (c) {
            case "order_id" -> String.valueOf(100000 + i);
            case "contact" -> i % 10 == 0 ? null : "user" + i + "@example.com";
            case "private_mail" -> "user" + i + "@example.com";
            case "note" -> i < 5 ? "see user" + i + "@example.com" : "delivered";
            case "first_name" -> i % 2 == 0 ? "Jane" : "Ann-Marie";
            case "dob" -> (1950 + i % 50) + "-03-14";
            case "client_ip" -> "10.0." + (i % 7) + "." + i;
            case "payout" -> i < 20 ? "DE89370400440532013000" : "n/a";
            default -> i + ".50";
        });
        SchemaObject object = new SchemaObject(
                null,
                "orders",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                columns.stream()
                        .map(c -> prop(c, c.equals("private_mail") ? "PII" : null))
                        .toList(),
                null,
                null,
                null);

        List<Finding> found = classifier(Map.of()).judge("shop", "orders", 1, object, s);

        assertThat(found)
                .extracting(f -> f.column() + ":" + f.detector())
                .containsExactly(
                        "contact:email", "first_name:person_name", "dob:date_of_birth", "client_ip:ip_address");
        assertThat(found.get(0)).isEqualTo(new Finding("shop", "orders", 1, "orders", "contact", "email", 1.0, 90, 90));
        assertThat(found.toString()).doesNotContain("@example.com").doesNotContain("Jane");
        assertThat(classifier(Map.of(Classifier.MIN_SHARE, "0.2")).judge("shop", "orders", 1, object, s))
                .extracting(Finding::column)
                .contains("payout");
    }

    @Test
    void tinyTablesNeedEveryValueAndBadSettingsAreNamed() {
        SchemaObject object = new SchemaObject(
                null, "t", null, null, null, null, null, null, null, List.of(prop("mail", null)), null, null, null);
        Sample two = new Sample(List.of("mail"), List.of(List.of("a@example.com"), List.of("b@example.com")), 2);
        assertThat(classifier(Map.of()).judge("p", "t", 1, object, two)).hasSize(1);
        Sample empty = Sample.empty(List.of("mail"));
        assertThat(classifier(Map.of()).judge("p", "t", 1, object, empty)).isEmpty();

        Assertions.assertThatThrownBy(() -> classifier(Map.of(Classifier.MIN_SHARE, "2")))
                .isInstanceOfSatisfying(
                        MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("Cannot read mesh.classify.minShare '2': write a share above 0 and at most 1, such as 0.3");
    }

    @Test
    void scrubberRemovesTheValueStandingApartOnly() {
        Scrubber s = new Scrubber("42");
        assertThat(s.apply("invalid input \"42\" at localhost:5432 (v42)"))
                .isEqualTo("invalid input \"<subject>\" at localhost:5432 (v42)");
        Scrubber hostile = new Scrubber("1' OR '1'='1");
        assertThat(hostile.apply("near '1'' OR ''1''=''1' and 1' OR '1'='1"))
                .doesNotContain("OR '1'='1")
                .doesNotContain("OR ''1''");
    }
}
