package dev.meshsdk.internal.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * {@link SimpleYaml} reads what the general YAML parser reads, node type for node type, or leaves the document to it:
 * compared on hand-written edge cases, on every descriptor among the test resources, and on thousands of mutated
 * descriptors.
 */
class SimpleYamlTest {
    private static final Path FILE = Path.of("x.yaml");

    /** The general parser's tree, with each node's class and each decimal's scale written out; null on a problem. */
    private static String general(byte[] bytes) {
        ParsedDocument d = YamlTreeReader.withPositions(FILE, bytes);
        return d.problems().isEmpty() && d.readable() ? typed(d.root()) : null;
    }

    private static String typed(JsonNode n) {
        StringBuilder out = new StringBuilder();
        typed(n, out);
        return out.toString();
    }

    private static void typed(JsonNode n, StringBuilder out) {
        out.append(n.getClass().getSimpleName()).append('(');
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append('"').append(e.getKey()).append("\":");
                typed(e.getValue(), out);
                out.append(',');
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                typed(c, out);
                out.append(',');
            }
        } else if (n.isBigDecimal()) {
            out.append(n.decimalValue().toString());
        } else {
            out.append(n.toString());
        }
        out.append(')');
    }

    /** The simple reading, typed as {@link #general}; null when it leaves the document to the general parser. */
    private static String simple(String text) {
        JsonNode root = SimpleYaml.read(text.getBytes(StandardCharsets.UTF_8));
        return root == null ? null : typed(root);
    }

    /** Where the simple reader reads a document, it reads what the general parser reads; returns whether it did. */
    private static boolean agrees(String text) {
        String simple = simple(text);
        if (simple != null) {
            assertThat(simple)
                    .as("simple reading of:\n" + text)
                    .isEqualTo(general(text.getBytes(StandardCharsets.UTF_8)));
        }
        return simple != null;
    }

    @Test
    void readsThePlainBlockYamlOfDescriptorsAsTheGeneralParserDoes() {
        List<String> read = List.of(
                "a: 1\nb: -2\nc: 0\nd: 12345678901\ne: 9.950\nf: -0.5\ng: true\nh: false\n",
                "none:\nnull1: null\nnull2: ~\nnull3: Null\nempty: ''\nquoted: \"x: y # z\"\nsingle: 'a\\b'\n",
                "date: 2022-10-03\nstamp: 2001-12-14t21:59:43.10-05:00\nver: 1.0.0\nv: v3.1.0\nurl: s3://b/p?x=1#f\n",
                "# comment\n\na: b # trailing\nc: d#not a comment\ne:   spaced   words   \n",
                "list:\n  - name: x\n    size: 2\n  - name: y\n  -\n  - - 1\n    - 2\n  - plain\n",
                "indentless:\n- a\n- b: 1\n  c: 2\nnext: x\n",
                "flow: [a, b , 1, 2.5, true, ~, 'q', \"d\"]\nempty: []\nobj: {}\nobj2: { }\n",
                "deep:\n  deeper:\n    deepest:\n      - x: 1\n        y:\n          - z\n",
                "$ref: '#/x'\nkey-with.dots_and$: 1\nunicode: café ✓\n",
                "seq:\n- # a comment\n  a: 1\n- \n- b\n",
                "a:\n    b: 1\n    c:\n      - 1\nd: 2\n");
        for (String text : read) assertThat(agrees(text)).as(text).isTrue();
    }

    @Test
    void theResolverTypesOnlyScalarsStartingWithTheCharactersTheReaderAsksItAbout() {
        Resolver resolver = new Resolver();
        List<String> values = new ArrayList<>(List.of("yes", "No", "ON", "off", "null", "~", "<<", "=", "2024-01-01"));
        for (char a = 0x20; a < 0x7F; a++) {
            values.add(String.valueOf(a));
            for (char b = 0x20; b < 0x7F; b++) values.add("" + a + b);
        }
        for (String v : values) {
            if (SimpleYaml.RESOLVED_FIRST.indexOf(v.charAt(0)) >= 0) continue;
            assertThat(resolver.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(Tag.STR);
        }
    }

    @Test
    void theShortcutsBeforeTheResolverTypeScalarsAsItsPatternsDo() {
        Resolver resolver = new Resolver();
        // every word of up to four characters from the letters of the resolver's words (and two others), and longer
        // random ones: the resolver types a word as a string unless it is one of the words the reader lists
        String letters = "yesnotrufalYESNOTRUFALxX";
        List<String> words = new ArrayList<>(List.of(
                "false",
                "False",
                "FALSE",
                "fALSE",
                "falsE",
                "fals",
                "falsey",
                "nullable",
                "Yesterday",
                "offset",
                "on-1"));
        for (int length = 1; length <= 4; length++) {
            int[] at = new int[length];
            while (true) {
                StringBuilder w = new StringBuilder();
                for (int i : at) w.append(letters.charAt(i));
                words.add(w.toString());
                int k = length - 1;
                while (k >= 0 && ++at[k] == letters.length()) at[k--] = 0;
                if (k < 0) break;
            }
        }
        Random random = new Random(7);
        String tails = letters + "_.-019";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder w = new StringBuilder().append(letters.charAt(random.nextInt(letters.length())));
            int length = 4 + random.nextInt(5);
            for (int k = 0; k < length; k++) w.append(tails.charAt(random.nextInt(tails.length())));
            words.add(w.toString());
        }
        for (String w : words) {
            assertThat(SimpleYaml.word(w)).as(w).isTrue();
            Tag tag = resolver.resolve(NodeId.scalar, w, true);
            assertThat(tag == Tag.STR).as(w).isEqualTo(!SimpleYaml.RESOLVED_WORDS.contains(w));
        }
        List<String> versions = new ArrayList<>(List.of("1.0.0", "0.0.1", "10.20.30.40", "1..2", "3.1.", "1.2", "1."));
        for (int i = 0; i < 2_000; i++)
            versions.add(random.nextInt(20) + "." + random.nextInt(20) + "." + random.nextInt(9));
        int dotted = 0;
        for (String v : versions) {
            if (!SimpleYaml.dottedDigits(v)) continue;
            dotted++;
            assertThat(resolver.resolve(NodeId.scalar, v, true)).as(v).isEqualTo(Tag.STR);
        }
        assertThat(dotted).isEqualTo(versions.size() - 2); // all but "1.2" and "1.", which have one dot
        assertThat(agrees("h: 1.\n")).isFalse(); // a float spelling the reader leaves to the general parser
        assertThat(agrees("k: TRUE\n")).isFalse(); // as it leaves booleans other than true and false
        assertThat(agrees("a: 1.0.0\nb: -12\nc: 0.25\nd: falsey\ne: nullable\ni: table\nj: Null\nf: 10.20.30\ng: -0\n"))
                .isTrue();
    }

    @Test
    void leavesEverythingElseToTheGeneralParser() {
        List<String> left = List.of(
                "a: yes\n",
                "a: NO\n",
                "a: on\n",
                "a: True\n",
                "a: 007\n",
                "a: 0x1F\n",
                "a: 1_000\n",
                "a: 1e5\n",
                "a: .5\n",
                "a: +1\n",
                "a: .inf\n",
                "a: 1234567890123456789012\n",
                "a: &x 1\nb: *x\n",
                "a: !!str 1\n",
                "a: |\n  text\n",
                "a: >\n  text\n",
                "a: multi\n  line\n",
                "a: \"esc\\n\"\n",
                "a: 'it''s'\n",
                "a: \"open\n  close\"\n",
                "a:\tb\n",
                "a: b\r\nc: d\r\n",
                "a: 1\na: 2\n",
                "---\na: 1\n",
                "a: 1\n...\n",
                "%YAML 1.1\n---\na: 1\n",
                "- a\n- b\n",
                "just text\n",
                "",
                "a: b: c\n",
                "a: [x, [y]]\n",
                "a: [x,\n  y]\n",
                "a: {b: 1}\n",
                "\"quoted key\": 1\n",
                "1: one\n",
                "a:\n  b: 1\n c: 2\n",
                "a:\n  - x\n  b: y\n",
                "? complex\n: key\n",
                "a: -\n",
                "a: @x\n",
                "a: `x`\n",
                "a: x\u2028y\n",
                "\ufeffa: 1\n",
                "a:\n  text on its own line\n");
        for (String text : left) {
            assertThat(simple(text)).as(text).isNull();
        }
    }

    @Test
    void readsEveryDescriptorAmongTheTestResourcesAsTheGeneralParserDoes() throws IOException, URISyntaxException {
        Path resources = Path.of(
                        SimpleYamlTest.class.getResource("/descriptors").toURI())
                .getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(resources)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int read = 0;
        for (Path f : files) {
            if (agrees(Files.readString(f))) read++;
        }
        assertThat(files).hasSizeGreaterThan(30);
        // most descriptors are of the plain subset: the point of the simple reader
        assertThat(read).as("read by the simple reader, of " + files.size()).isGreaterThan(files.size() / 2);
    }

    @Test
    void readsMutatedDescriptorsAsTheGeneralParserDoesOrLeavesThem() throws IOException {
        List<String> seeds = new ArrayList<>();
        Path shop = Fixtures.path("shop");
        seeds.add(Files.readString(shop.resolve("product.yaml")));
        seeds.add(Files.readString(shop.resolve("contracts/orders.yaml")));
        seeds.add(Files.readString(shop.resolve("contracts/customers.yaml")));
        Random random = new Random(20261207);
        DescriptorMutator mutator = new DescriptorMutator(random);
        int read = 0;
        int inputs = 2000;
        for (int i = 0; i < inputs; i++) {
            String text = mutator.mutate(seeds.get(random.nextInt(seeds.size())));
            mutator.takeLog();
            // the mutator's strings of megabytes take the general parser seconds each; their reading is alike
            if (text.length() > 100_000) continue;
            if (agrees(text)) read++;
        }
        // both sides are exercised: many mutations stay in the subset, many leave it
        assertThat(read).isBetween(inputs / 10, inputs - inputs / 10);
    }
}
