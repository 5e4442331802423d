package dev.meshsdk.storage.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request of a bucket's access log: a line of an Amazon S3 server access log ({@link #parse}), or of a Ceph
 * RADOS Gateway operations log ({@link #parseRgwOps}), in S3's terms. The S3 format as documented: space-separated
 * fields, the time in brackets ({@code [06/Feb/2019:00:00:38 +0000]}), strings with spaces in double quotes, "-"
 * for none. The fields in order: bucket owner, bucket, time, remote IP, requester, request id, operation, key
 * (URL-encoded), request-URI, HTTP status, error code, bytes sent, object size, total time, turn-around time,
 * referer, user agent, version id, host id, signature version, cipher suite, authentication type, host header, TLS
 * version, access point ARN, ACL required. Newer fields are appended over the years, so the trailing ones may be
 * absent (and fields unknown yet may follow); the first ten (through the HTTP status) are required.
 *
 * @param requester the IAM ARN or canonical user id that made the request; null when anonymous ({@code -})
 * @param key       the object key, decoded; null when the operation takes none
 */
record S3AccessLog(String bucket, Instant time, String requester, String operation, String key, int status) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields up to the HTTP status. */
    static final int REQUIRED_FIELDS = 10;

    /** Parses a line; null when it does not have the format (the caller counts it, never echoing its content). */
    static S3AccessLog parse(String line) {
        List<String> f = fields(line);
        if (f == null || f.size() < REQUIRED_FIELDS) return null;
        try {
            Instant time = OffsetDateTime.parse(f.get(2), TIME).toInstant();
            int status = Integer.parseInt(f.get(9));
            String key = none(f.get(7)) ? null : URLDecoder.decode(f.get(7), StandardCharsets.UTF_8);
            return new S3AccessLog(f.get(1), time, none(f.get(4)) ? null : f.get(4), f.get(6), key, status);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Parses a line of a Ceph RADOS Gateway operations log (one JSON object per line, as {@code radosgw} writes to
     * {@code rgw_ops_log_file_path} or its socket): {@code bucket}, {@code time}, {@code user} (the requester,
     * {@code tenant$uid}), {@code operation}, {@code uri} (the key is taken from it, path-style or virtual-host) and
     * {@code http_status}. RGW's {@code get_obj} by {@code GET} and {@code select_obj_content} become S3's
     * {@code REST.GET.OBJECT} and {@code REST.POST.SELECT}, a {@code HEAD} {@code REST.HEAD.OBJECT}; others keep
     * their name after {@code RGW.}. Null when the line is no such object.
     */
    static S3AccessLog parseRgwOps(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject() || !n.hasNonNull("bucket") || !n.hasNonNull("time")) return null;
            String bucket = n.get("bucket").asText();
            Instant time = OffsetDateTime.parse(n.get("time").asText()).toInstant();
            int status = Integer.parseInt(n.path("http_status").asText());
            String[] request = n.path("uri").asText("").split(" ");
            String method = request.length > 0 ? request[0] : "";
            String op = n.path("operation").asText("");
            String operation = op.equals("get_obj")
                    ? (method.equals("HEAD") ? "REST.HEAD.OBJECT" : "REST.GET.OBJECT")
                    : op.equals("select_obj_content") ? "REST.POST.SELECT" : "RGW." + op;
            String key = request.length > 1 ? keyOf(bucket, request[1]) : null;
            String user = n.path("user").asText("");
            return new S3AccessLog(
                    bucket, time, user.isEmpty() || user.equals("anonymous") ? null : user, operation, key, status);
        } catch (IOException | DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The decoded key in a request path: {@code /bucket/key?query} (path-style) or {@code /key?query} */
    private static String keyOf(String bucket, String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        if (p.equals("/" + bucket) || p.equals("/" + bucket + "/")) return null;
        String key = p.startsWith("/" + bucket + "/") ? p.substring(bucket.length() + 2) : p.replaceFirst("^/", "");
        return key.isEmpty() ? null : URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    /** Whether this is a successful read of an object's content: a GET (ranged too) or an S3 Select. */
    boolean isSuccessfulRead() {
        return status >= 200
                && status < 300
                && key != null
                && (operation.equals("REST.GET.OBJECT") || operation.equals("REST.POST.SELECT"));
    }

    private static boolean none(String field) {
        return field.equals("-");
    }

    /** The fields, brackets and quotes removed; null when a bracket or quote is not closed. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            int end;
            if (c == '[' || c == '"') {
                // a quoted string ends at the first quote that a space or the line's end follows
                char close = c == '[' ? ']' : '"';
                end = line.indexOf(close, i + 1);
                while (end >= 0 && end + 1 < n && line.charAt(end + 1) != ' ') end = line.indexOf(close, end + 1);
                if (end < 0) return null;
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                end = line.indexOf(' ', i);
                if (end < 0) end = n;
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }
}
