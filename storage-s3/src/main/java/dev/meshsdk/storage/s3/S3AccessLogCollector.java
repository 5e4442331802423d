package dev.meshsdk.storage.s3;

import dev.meshsdk.MeshException;
import dev.meshsdk.model.Server;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.usage.UsageBatch;
import dev.meshsdk.spi.usage.UsageCollector;
import dev.meshsdk.spi.usage.UsageObservation;
import dev.meshsdk.spi.usage.UsageObservation.ReadEvent;
import dev.meshsdk.spi.usage.UsageTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code s3-access-log} usage collector: reads of the Delta tables of {@code s3} ports from the bucket's
 * Amazon S3 server access log objects ({@link S3AccessLog}), where the team has them: the server's custom property
 * {@value #SERVER_PROPERTY} or the setting {@value #LOCATION_KEY} names where they are ({@code s3://bucket/prefix}).
 * A port without either is left to the {@code spark} collector. A log object may also hold a Ceph RADOS Gateway's
 * operations log (JSON lines, as {@code radosgw} writes it with {@code rgw_enable_ops_log}), copied there by the
 * platform team.
 *
 * <p>Each successful {@code REST.GET.OBJECT} (ranged ones too) or {@code REST.POST.SELECT} of an object under a
 * port's table location, outside its {@code _delta_log/}, is one read by the log's requester (null when
 * anonymous), at the log's time; requesters in {@value #EXCLUDE_KEY} (the SDK's own credentials) are left out. So a
 * query that reads several files, or one file in several ranges, counts several reads; readers and last reads are
 * exact. Log objects are read from the one whose key (S3 names them {@code <prefix>YYYY-mm-DD-HH-MM-SS-<id>})
 * sorts after {@value #LOOKBACK_DAYS} days ago, and only reads older than {@value #SETTLE_MINUTES} minutes count (S3
 * delivers the logs late); the registry counts an event once (events at or before the newest one counted are
 * skipped), so collecting twice counts nothing twice. A line that is not in the format is counted and reported
 * with its log object and line number, never its content. The log objects are read with the port's server's
 * endpoint and credentials.
 */
final class S3AccessLogCollector implements UsageCollector {
    static final String SOURCE = "s3-access-log";
    static final String LOCATION_KEY = "mesh.s3.usage.accessLogs";
    static final String EXCLUDE_KEY = "mesh.s3.usage.excludeRequesters";
    static final String SERVER_PROPERTY = "accessLogs";
    static final int LOOKBACK_DAYS = 7;
    static final int SETTLE_MINUTES = 60;
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    /** Line numbers named per log object in a warning; the rest are counted. */
    private static final int LINES_NAMED = 10;

    private final AdapterContext context;
    private final Set<String> excluded = new LinkedHashSet<>();

    S3AccessLogCollector(AdapterContext context) {
        this.context = context;
        context.setting(EXCLUDE_KEY).ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(excluded::add));
    }

    @Override
    public boolean supports(PortBinding port) {
        return "s3".equalsIgnoreCase(port.server().type())
                && logs(port.server()).isPresent();
    }

    private Optional<String> logs(Server server) {
        return server.customProperty(SERVER_PROPERTY)
                .map(String::valueOf)
                .filter(s -> !s.isBlank())
                .or(() -> context.setting(LOCATION_KEY).filter(s -> !s.isBlank()));
    }

    @Override
    public UsageBatch collect(List<UsageTarget> targets) {
        Map<String, List<UsageTarget>> byLogs = new LinkedHashMap<>();
        Map<String, Server> servers = new LinkedHashMap<>();
        for (UsageTarget t : targets) {
            Server s = t.binding().server();
            String key = logs(s).orElse("") + "|" + s.server();
            byLogs.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            servers.putIfAbsent(key, s);
        }
        Instant now = context.clock().instant();
        List<UsageObservation> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> uncollected = new ArrayList<>();
        byLogs.forEach((key, list) -> {
            Server server = servers.get(key);
            try {
                S3Location logs = S3Location.parse(logs(server).orElseThrow());
                collect(server, logs, list, now, out, warnings, uncollected);
            } catch (MeshException e) {
                warnings.add("Cannot read the S3 access logs of server '" + server.server() + "': " + e.getMessage());
                list.forEach(t -> uncollected.add(t.address()));
            }
        });
        return new UsageBatch(out, warnings, uncollected);
    }

    private void collect(
            Server server,
            S3Location logs,
            List<UsageTarget> targets,
            Instant now,
            List<UsageObservation> out,
            List<String> warnings,
            List<String> uncollected) {
        Map<UsageTarget, S3Location> tables = new LinkedHashMap<>();
        for (UsageTarget t : targets) tables.put(t, S3Location.parse(t.address()));
        String prefix = logs.prefix().isEmpty() ? "" : logs.prefix() + "/";
        String startAfter = prefix
                + KEY_TIME.format(now.minus(Duration.ofDays(LOOKBACK_DAYS)).atOffset(ZoneOffset.UTC));
        Instant settled = now.minus(Duration.ofMinutes(SETTLE_MINUTES));
        List<UsageObservation> found = new ArrayList<>();
        try (S3Connection s3 = S3Connection.open(context, server)) {
            List<String> keys = new ArrayList<>();
            for (var page : s3.client()
                    .listObjectsV2Paginator(
                            r -> r.bucket(logs.bucket()).prefix(prefix).startAfter(startAfter))) {
                page.contents().stream().map(S3Object::key).forEach(keys::add);
            }
            for (String key : keys) {
                String text = s3.client()
                        .getObjectAsBytes(r -> r.bucket(logs.bucket()).key(key))
                        .asString(StandardCharsets.UTF_8);
                List<Integer> malformed = new ArrayList<>();
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.isEmpty()) continue;
                    S3AccessLog entry = line.startsWith("{") ? S3AccessLog.parseRgwOps(line) : S3AccessLog.parse(line);
                    if (entry == null) {
                        malformed.add(i + 1);
                        continue;
                    }
                    if (!entry.isSuccessfulRead() || entry.time().isAfter(settled)) continue;
                    if (entry.requester() != null && excluded.contains(entry.requester())) continue;
                    if (("/" + entry.key()).contains("/_delta_log/")) continue;
                    tables.forEach((t, table) -> {
                        if (table.bucket().equals(entry.bucket()) && table.contains(entry.key())) {
                            found.add(new ReadEvent(t.address(), SOURCE, entry.requester(), null, entry.time()));
                        }
                    });
                }
                if (!malformed.isEmpty()) {
                    warnings.add("Skipped " + malformed.size() + " line(s) of log object s3://" + logs.bucket() + "/"
                            + key + " that are neither S3 server access log nor RGW operations log lines: line(s) "
                            + String.join(
                                    ", ",
                                    malformed.stream()
                                            .limit(LINES_NAMED)
                                            .map(String::valueOf)
                                            .toList())
                            + (malformed.size() > LINES_NAMED ? ", ..." : "")
                            + "; the reads they record are not counted");
                }
            }
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null
                    ? String.valueOf(e.statusCode())
                    : e.awsErrorDetails().errorCode();
            String todo = e.statusCode() == 403
                    ? "grant the server's credentials s3:ListBucket on bucket " + logs.bucket()
                            + " and s3:GetObject on " + logs + "/*"
                    : e.statusCode() == 404
                            ? "check " + SERVER_PROPERTY + " / " + LOCATION_KEY + " (the bucket is not there)"
                            : "check that the bucket is reachable";
            warnings.add("Cannot read the S3 access logs at " + logs + " (" + code + "): " + todo);
            targets.forEach(t -> uncollected.add(t.address()));
            return;
        } catch (SdkException e) {
            warnings.add("Cannot read the S3 access logs at " + logs + ": "
                    + e.getClass().getSimpleName() + "; check that the endpoint of server '" + server.server()
                    + "' is reachable");
            targets.forEach(t -> uncollected.add(t.address()));
            return;
        }
        out.addAll(found);
    }

    @Override
    public void close() {
        // clients are opened per collection and closed there
    }
}
