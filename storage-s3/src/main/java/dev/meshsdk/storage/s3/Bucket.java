package dev.meshsdk.storage.s3;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * One team bucket's configuration as far as the SDK owns it: existence and reachability, the {@code mesh:*}
 * bucket tags, the lifecycle rules whose IDs start with {@value #RULE_PREFIX}, and the owner marker object
 * {@code <location>/_mesh/owner.json} that tags a port's prefix (S3 has no prefix tags). Reads never write;
 * every write is a read-merge-write that keeps what others put there.
 */
final class Bucket {
    static final String TAG_PREFIX = "mesh:";
    static final String RULE_PREFIX = "mesh-";
    static final String OWNER_MARKER = "_mesh/owner.json";

    private final S3Client s3;
    private final String name;
    private final Runnable onWrite;

    Bucket(S3Client s3, String name, Runnable onWrite) {
        this.s3 = s3;
        this.name = name;
        this.onWrite = onWrite;
    }

    /** Checks the bucket exists and the credentials reach it; never creates it. */
    void check(String port, String credentials, String expectedOwner) {
        try {
            s3.headBucket(b -> {
                b.bucket(name);
                if (expectedOwner != null) b.expectedBucketOwner(expectedOwner);
            });
        } catch (S3Exception e) {
            String why =
                    switch (e.statusCode()) {
                        case 404 ->
                            "the bucket does not exist; the SDK never creates buckets, so create it in your team's"
                                    + " account first, or fix the server's location";
                        case 403, 401 ->
                            "the bucket exists but is not reachable with " + credentials + " (it belongs to"
                                    + " another account or team, or the credentials lack s3:ListBucket); use your team's own"
                                    + " bucket and credentials";
                        case 301 -> "the bucket is in another region; set the server's region";
                        default ->
                            "HeadBucket answered " + e.statusCode() + " "
                                    + e.awsErrorDetails().errorCode();
                    };
            throw new MeshException(
                    e.statusCode() >= 500 ? ErrorCode.STORAGE_FAILURE : ErrorCode.INVALID_DESCRIPTOR,
                    "Cannot deploy output port '" + port + "' to bucket '" + name + "': " + why,
                    e);
        }
    }

    /** All bucket tags (empty when there are none). */
    Map<String, String> tags() {
        try {
            Map<String, String> out = new TreeMap<>();
            for (Tag t : s3.getBucketTagging(b -> b.bucket(name)).tagSet()) out.put(t.key(), t.value());
            return out;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return new TreeMap<>();
            throw e;
        }
    }

    /** Sets {@code wanted} tags, keeping every other tag; writes nothing when they are already there. */
    void mergeTags(Map<String, String> wanted, List<String> removed) {
        Map<String, String> current = tags();
        Map<String, String> next = new TreeMap<>(current);
        next.putAll(wanted);
        removed.forEach(next::remove);
        if (next.equals(current)) return;
        List<Tag> tags = new ArrayList<>();
        next.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        onWrite.run();
        s3.putBucketTagging(
                b -> b.bucket(name).tagging(Tagging.builder().tagSet(tags).build()));
    }

    /** All lifecycle rules (empty when there is no configuration). */
    List<LifecycleRule> rules() {
        try {
            return s3.getBucketLifecycleConfiguration(b -> b.bucket(name)).rules();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return List.of();
            throw e;
        }
    }

    /** The SDK's expiration rules by prefix (rule IDs starting with {@value #RULE_PREFIX}) under {@code root}. */
    Map<String, String> ownedRules(String root) {
        Map<String, String> out = new TreeMap<>();
        for (LifecycleRule r : rules()) {
            if (r.id() == null
                    || !r.id().startsWith(RULE_PREFIX)
                    || r.filter() == null
                    || r.filter().prefix() == null) {
                continue;
            }
            String prefix = r.filter().prefix();
            if (prefix.startsWith(root + "/")
                    && r.expiration() != null
                    && r.expiration().days() != null) {
                out.put(prefix, String.valueOf(r.expiration().days()));
            }
        }
        return out;
    }

    /** Puts expiration rules for {@code set} (prefix to days) and drops the SDK's rules for {@code removed}. */
    void mergeRules(Map<String, String> set, List<String> removed) {
        List<LifecycleRule> current = rules();
        List<LifecycleRule> next = new ArrayList<>();
        for (LifecycleRule r : current) {
            boolean ours = r.id() != null
                    && r.id().startsWith(RULE_PREFIX)
                    && r.filter() != null
                    && r.filter().prefix() != null
                    && (set.containsKey(r.filter().prefix())
                            || removed.contains(r.filter().prefix()));
            if (!ours) next.add(r);
        }
        set.forEach((prefix, days) -> next.add(LifecycleRule.builder()
                .id(ruleId(prefix))
                .filter(f -> f.prefix(prefix))
                .status(ExpirationStatus.ENABLED)
                .expiration(e -> e.days(Integer.parseInt(days)))
                .build()));
        if (sameRules(current, next)) return;
        onWrite.run();
        if (next.isEmpty()) {
            s3.deleteBucketLifecycle(b -> b.bucket(name));
        } else {
            s3.putBucketLifecycleConfiguration(b -> b.bucket(name)
                    .lifecycleConfiguration(
                            BucketLifecycleConfiguration.builder().rules(next).build()));
        }
    }

    private static boolean sameRules(List<LifecycleRule> a, List<LifecycleRule> b) {
        Map<String, LifecycleRule> x = new TreeMap<>();
        Map<String, LifecycleRule> y = new TreeMap<>();
        a.forEach(r -> x.put(String.valueOf(r.id()), r));
        b.forEach(r -> y.put(String.valueOf(r.id()), r));
        return x.equals(y);
    }

    static String ruleId(String prefix) {
        String tail = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        tail = tail.substring(tail.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "");
        return RULE_PREFIX + BucketPolicy.digest(prefix).substring(0, 16) + "-" + tail;
    }

    /** The tags of the owner marker under {@code root}, or empty when there is no marker. */
    Optional<Map<String, String>> ownerTags(String root) {
        try {
            Map<String, String> out = new TreeMap<>();
            for (Tag t : s3.getObjectTagging(b -> b.bucket(name).key(markerKey(root)))
                    .tagSet()) out.put(t.key(), t.value());
            return Optional.of(out);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /** Writes the owner marker with {@code tags} (as object tags and as its JSON body). */
    void putOwner(String root, Map<String, String> tags) {
        if (ownerTags(root).map(tags::equals).orElse(false)) return;
        StringBuilder query = new StringBuilder();
        StringBuilder body = new StringBuilder("{");
        for (Map.Entry<String, String> e : new LinkedHashMap<>(new TreeMap<>(tags)).entrySet()) {
            if (query.length() > 0) {
                query.append('&');
                body.append(',');
            }
            query.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            body.append('"')
                    .append(e.getKey())
                    .append("\":\"")
                    .append(e.getValue().replace("\"", "'"))
                    .append('"');
        }
        body.append("}\n");
        onWrite.run();
        s3.putObject(
                b -> b.bucket(name)
                        .key(markerKey(root))
                        .tagging(query.toString())
                        .contentType("application/json"),
                RequestBody.fromString(body.toString()));
    }

    private static String markerKey(String root) {
        return (root.isEmpty() ? "" : root + "/") + OWNER_MARKER;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
