package dev.meshsdk.spi.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.CustomProperty;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.OutputPort;
import dev.meshsdk.model.SchemaObject;
import dev.meshsdk.model.SchemaProperty;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.ProductRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV headers and records with their positions, and matching a file's columns to the contract by name. */
class DataFilesTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("orders.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void recordsKeepTheirLineAndEachFieldsColumnAcrossQuotedLineBreaks() throws IOException {
        Path f = file("\uFEFFid,\"name\",amount\r\n1,\"Ann\nSmith\",10\r\n2,,\"\"\n3,\"Bo, \"\"B\"\"\",5");

        assertThat(DataFiles.csvHeader(f)).containsExactly("id", "name", "amount");
        CsvRecord first = DataFiles.csvRecord(f, 1).orElseThrow();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.columns()).containsExactly(1, 3, 8);
        assertThat(first.lines()).containsExactly(2L, 2L, 3L);
        assertThat(first.fields()).containsExactly("1", "Ann\nSmith", "10");
        CsvRecord second = DataFiles.csvRecord(f, 2).orElseThrow();
        assertThat(second.line()).as("after a quoted line break").isEqualTo(4);
        assertThat(first.lastLine()).isEqualTo(3);
        assertThat(first.line(2)).isEqualTo(3);
        assertThat(first.column(2)).isEqualTo(8);
        assertThat(DataFiles.csvRecordAtLine(f, 3)).contains(first);
        assertThat(DataFiles.csvHeaderLastLine(f)).isEqualTo(1);
        assertThat(second.fields()).containsExactly("2", null, "");
        CsvRecord third = DataFiles.findCsvRecord(f, r -> "3".equals(r.get(0))).orElseThrow();
        assertThat(third.line()).isEqualTo(5);
        assertThat(third.fields()).containsExactly("3", "Bo, \"B\"", "5");
        assertThat(third.column(2)).isEqualTo(15);
        assertThat(third.toString()).doesNotContain("Bo");
        assertThat(DataFiles.csvRecord(f, 4)).isEmpty();
    }

    @Test
    void columnsMatchByNameInAnyOrderAndEveryProblemIsNamed() throws IOException {
        Path f = file("x\n");
        assertThat(DataFiles.matchColumns(port(), "orders", f, List.of("AMOUNT", "id", "name")))
                .containsExactly("amount", "id", "name");

        MeshException e = catchThrowableOfType(
                MeshException.class, () -> DataFiles.matchColumns(port(), "orders", f, List.of("id", "amt", "id")));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .isEqualTo("Cannot publish " + f + " to port 'orders' of product 'shop': its columns"
                        + " do not match object 'orders' of contract orders-v1 1.0.0: missing 'name', 'amount'; not in the"
                        + " contract 'amt' (perhaps you meant 'amount'); named twice 'id'; name every column of the contract once, in any order, and no other"
                        + " (the contract's columns: 'id', 'name', 'amount')");
        assertThat(DataFiles.matchKnownColumns(port(), "orders", f, List.of("id")))
                .containsExactly("id");

        // a typo of a missing column is named with it
        assertThat(catchThrowableOfType(
                                MeshException.class,
                                () -> DataFiles.matchColumns(port(), "orders", f, List.of("id", "name", "amout")))
                        .getMessage())
                .contains("missing 'amount'; not in the contract 'amout' (perhaps you meant 'amount'); name every");
    }

    @Test
    void aCsvHeaderThatDoesNotMatchIsPlacedAtItsFirstUnknownName() throws IOException {
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> DataFiles.matchCsvColumns(port(), "orders", file("\uFEFFid,\"name\",ammount\n1,Ann,10\n")));
        assertThat(e.getMessage())
                .startsWith(dir.resolve("orders.csv") + ":1:11: Cannot publish ")
                .contains("missing 'amount'; not in the contract 'ammount' (perhaps you meant 'amount')");

        assertThat(catchThrowableOfType(
                                MeshException.class,
                                () -> DataFiles.matchCsvColumns(port(), "orders", file("id,name,amount,name\n")))
                        .getMessage())
                .as("no unknown name: the second of a name given twice")
                .startsWith(dir.resolve("orders.csv") + ":1:16: Cannot publish ")
                .contains("named twice 'name'");
        assertThat(catchThrowableOfType(
                                MeshException.class,
                                () -> DataFiles.matchCsvColumns(port(), "orders", file("id,name\n")))
                        .getMessage())
                .as("only a missing column: the header line")
                .startsWith(dir.resolve("orders.csv") + ":1: Cannot publish ")
                .contains("missing 'amount'");
        assertThat(DataFiles.matchCsvColumns(port(), "orders", file("amount,ID,name\n")))
                .containsExactly("amount", "id", "name");
    }

    @Test
    void aHeaderOfRowValuesIsNotEchoed() throws IOException {
        Path f = file("x\n");
        MeshException e = catchThrowableOfType(
                MeshException.class,
                () -> DataFiles.matchColumns(port(), "orders", f, List.of("17", "Ann Smith", "10.5")));
        assertThat(e.getMessage())
                .contains(
                        "none of its 3 column name(s) is a column of object 'orders'",
                        "does the file name the contract's columns")
                .doesNotContain("Ann Smith");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path f = file("");
        assertThat(catchThrowableOfType(MeshException.class, () -> DataFiles.csvHeader(f))
                        .getMessage())
                .isEqualTo("Cannot publish " + f + ": the file is empty; a CSV file starts with a header line naming"
                        + " its columns");
    }

    private static PortBinding port() {
        List<SchemaProperty> props = List.of(prop("id"), prop("name"), prop("amount"));
        SchemaObject o = new SchemaObject(
                null, "orders", null, "table", null, null, null, null, List.of(), props, List.of(), List.of(),
                Map.of());
        Server s =
                new Server("local", "local", "dev", null, Map.of("path", "data"), List.<CustomProperty>of(), Map.of());
        DataContract c = new DataContract(
                "v3.1.0",
                "DataContract",
                "orders-v1",
                null,
                "1.0.0",
                "active",
                null,
                null,
                null,
                null,
                List.of(s),
                List.of(o),
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                Map.of());
        OutputPort port = new OutputPort("orders", null, null, "1.0.0", "orders-v1", List.of(), List.of(), Map.of());
        return new PortBinding(new ProductRef("shop", null, "1.0.0", null, null), port, c, s, "dev", List.of());
    }

    private static SchemaProperty prop(String name) {
        return new SchemaProperty(
                null, name, null, "string", null, Map.of(), null, null, false, false, false, null, false, null, null,
                List.of(), List.of(), List.of(), null, List.of(), Map.of());
    }
}
