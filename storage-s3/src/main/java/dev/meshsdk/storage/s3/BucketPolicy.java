package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AccessGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bucket policy statements the SDK owns. A grant of {@code read} or {@code write} on a table becomes two
 * {@code Allow} statements for the principal: one on the objects under the table's prefix
 * ({@code s3:GetObject}, plus {@code s3:PutObject} and {@code s3:DeleteObject} for write) and one that lets
 * it list only that prefix ({@code s3:ListBucket} with an {@code s3:prefix} condition). Their {@code Sid}s
 * start with {@value #SID_PREFIX} and are derived from prefix, principal and privilege, so the SDK
 * recognises its own statements, and only ever adds or removes those; every other statement is kept as it is.
 *
 * <p>A principal is used as written when it is an ARN; otherwise it is put into the template from
 * {@code mesh.s3.principalArnTemplate} (default {@value #DEFAULT_TEMPLATE}).
 */
final class BucketPolicy {
    static final String SID_PREFIX = "MeshSdk";
    static final String DEFAULT_TEMPLATE = "arn:aws:iam:::user/{principal}";
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9+=,.@_/:-]{1,512}");

    private final ObjectMapper json = new ObjectMapper();
    private final String template;

    BucketPolicy(String template) {
        this.template = template == null ? DEFAULT_TEMPLATE : template;
        if (!this.template.contains("{principal}")) {
            throw new MeshException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "Cannot use mesh.s3.principalArnTemplate '" + template
                            + "': it has no {principal} placeholder; write it like arn:aws:iam::123456789012:role/{principal}");
        }
    }

    String arn(String principal) {
        if (!PRINCIPAL.matcher(principal).matches()) {
            throw new MeshException(
                    ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot grant access to principal '" + principal
                            + "': it holds characters an IAM name or ARN may not; use a user or role name or its ARN");
        }
        return principal.startsWith("arn:") ? principal : template.replace("{principal}", principal);
    }

    /** The principal name an ARN stands for: the template's placeholder when it matches, else the ARN. */
    String principal(String arn) {
        int at = template.indexOf("{principal}");
        String head = template.substring(0, at);
        String tail = template.substring(at + "{principal}".length());
        if (arn.startsWith(head) && arn.endsWith(tail) && arn.length() > head.length() + tail.length()) {
            return arn.substring(head.length(), arn.length() - tail.length());
        }
        return arn;
    }

    /** The grants the SDK's statements give on {@code table}, in the order found. */
    List<AccessGrant> grants(JsonNode policy, S3Location table) {
        Set<AccessGrant> out = new LinkedHashSet<>();
        String resource = objectResource(table);
        for (JsonNode s : statements(policy)) {
            String sid = s.path("Sid").asText("");
            if (!sid.startsWith(SID_PREFIX) || !sid.endsWith("O")) continue;
            if (!texts(s.get("Resource")).contains(resource)) continue;
            boolean write = texts(s.get("Action")).contains("s3:PutObject");
            for (String arn : texts(s.path("Principal").get("AWS"))) {
                out.add(new AccessGrant(principal(arn), write ? "write" : "read"));
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code policy} with the grant's statements added (replacing any with the same Sids). */
    ObjectNode withGrant(JsonNode policy, S3Location table, AccessGrant g) {
        ObjectNode out = without(policy, table, g);
        String arn = arn(g.principal());
        String sid = sid(table, arn, g.privilege());
        ArrayNode statements = (ArrayNode) out.get("Statement");
        ObjectNode objects = statements.addObject();
        objects.put("Sid", sid + "O");
        objects.put("Effect", "Allow");
        objects.putObject("Principal").putArray("AWS").add(arn);
        ArrayNode actions = objects.putArray("Action").add("s3:GetObject").add("s3:GetObjectVersion");
        if (g.privilege().equals("write")) actions.add("s3:PutObject").add("s3:DeleteObject");
        objects.putArray("Resource").add(objectResource(table));
        ObjectNode list = statements.addObject();
        list.put("Sid", sid + "L");
        list.put("Effect", "Allow");
        list.putObject("Principal").putArray("AWS").add(arn);
        list.putArray("Action").add("s3:ListBucket");
        list.putArray("Resource").add("arn:aws:s3:::" + table.bucket());
        list.putObject("Condition")
                .putObject("StringLike")
                .putArray("s3:prefix")
                .add(table.prefix() + "/*")
                .add(table.prefix());
        return out;
    }

    /** {@code policy} without the grant's statements; every other statement is kept. */
    ObjectNode without(JsonNode policy, S3Location table, AccessGrant g) {
        String sid = sid(table, arn(g.principal()), g.privilege());
        ObjectNode out = json.createObjectNode();
        out.put(
                "Version",
                policy == null ? "2012-10-17" : policy.path("Version").asText("2012-10-17"));
        if (policy != null && policy.has("Id")) out.set("Id", policy.get("Id"));
        ArrayNode statements = out.putArray("Statement");
        for (JsonNode s : statements(policy)) {
            String id = s.path("Sid").asText("");
            if (!id.equals(sid + "O") && !id.equals(sid + "L")) statements.add(s);
        }
        return out;
    }

    static boolean hasStatements(JsonNode policy) {
        return !statements(policy).isEmpty();
    }

    JsonNode parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new MeshException(ErrorCode.STORAGE_FAILURE, "Cannot read the bucket policy: it is not JSON", e);
        }
    }

    String write(JsonNode policy) {
        try {
            return json.writeValueAsString(policy);
        } catch (IOException e) {
            throw new MeshException(ErrorCode.INTERNAL, "Cannot write a bucket policy", e);
        }
    }

    private static List<JsonNode> statements(JsonNode policy) {
        List<JsonNode> out = new ArrayList<>();
        if (policy == null) return out;
        JsonNode s = policy.get("Statement");
        if (s == null) return out;
        if (s.isArray()) s.forEach(out::add);
        else out.add(s);
        return out;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) return out;
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else out.add(node.asText());
        return out;
    }

    private static String objectResource(S3Location table) {
        return "arn:aws:s3:::" + table.bucket() + "/" + table.prefix() + "/*";
    }

    /** {@value #SID_PREFIX} and a digest of prefix, principal and privilege; Sids allow letters and digits only. */
    static String sid(S3Location table, String arn, String privilege) {
        return SID_PREFIX + digest(table + "|" + arn + "|" + privilege).substring(0, 24);
    }

    static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
