package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.model.DataContract;
import dev.meshsdk.model.DataProduct;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link DataProduct} or {@link DataContract} back out as a tree or as YAML text. Reading
 * the text again yields an equal record, and the tree equals the tree that was read (key order
 * aside): every untyped key is written back from the record's extensions. Thread-safe.
 */
public final class DescriptorWriter {
    /** The YAML writer, made on first use (turning a product into a tree, as the policies' input does, needs none). */
    private static final class Text {
        static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .stringQuotingChecker(new DateQuoting())
                .build());

        private Text() {}
    }

    /** The tree of a product, as {@code product.yaml} holds it. */
    public ObjectNode toTree(DataProduct product) {
        return ModelTrees.product(product);
    }

    /** The tree of a contract, as {@code contracts/*.yaml} holds it. */
    public ObjectNode toTree(DataContract contract) {
        return ModelTrees.contract(contract);
    }

    /**
     * The tree of a product as plain Java values (maps, lists, String, Integer, Long, BigInteger, BigDecimal,
     * Double, Boolean, null), equal to what Jackson's {@code convertValue} of {@link #toTree} to a map gives.
     */
    public Map<String, Object> toMap(DataProduct product) {
        return map(toTree(product));
    }

    /** The tree of a contract as plain Java values, as {@link #toMap(DataProduct)}. */
    public Map<String, Object> toMap(DataContract contract) {
        return map(toTree(contract));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectNode tree) {
        return (Map<String, Object>) PlainValues.toJava(tree, true);
    }

    /** The YAML text of a product. */
    public String toYaml(DataProduct product) {
        return yaml(toTree(product));
    }

    /** The YAML text of a contract. */
    public String toYaml(DataContract contract) {
        return yaml(toTree(contract));
    }

    /** The YAML text of any descriptor tree. */
    public String yaml(JsonNode tree) {
        try {
            return Text.YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new MeshException(
                    ErrorCode.INTERNAL, "Cannot write descriptor as YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Also quotes strings that YAML 1.1 readers would take for dates or times (unquoted {@code 2022-10-03}),
     * so that other tools read the text back as strings too.
     */
    private static final class DateQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Pattern DATE_LIKE = Pattern.compile("^\\d{4}-\\d{1,2}-\\d{1,2}.*|^\\d{1,2}:\\d{2}.*");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || DATE_LIKE.matcher(value).matches();
        }
    }
}
