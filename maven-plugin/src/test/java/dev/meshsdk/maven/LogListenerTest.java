package dev.meshsdk.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.diag.Location;
import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.Column;
import dev.meshsdk.plan.InputMove;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class LogListenerTest {
    /** Records what would be logged; a real Maven log is what the invoker scenarios check. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("[INFO] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[WARNING] " + content);
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    }

    @Test
    void logsALinePerProductAndChange() {
        RecordingLog log = new RecordingLog();
        LogListener listener = new LogListener(log);
        Change create = new Change.CreateTable(
                "orders",
                List.of(new Column("order_id", "string", "string", false, null, null)),
                List.of("order_id"),
                List.of(),
                null,
                null);

        listener.onEvent(new MeshEvent.ProductStarted("orders", 1, 2));
        listener.onEvent(new MeshEvent.ChangeApplied("orders", "orders", create, Duration.ofMillis(12)));
        listener.onEvent(new MeshEvent.ProductFinished("orders", true, Duration.ofMillis(40)));
        listener.onEvent(new MeshEvent.ProductStarted("daily-revenue", 2, 2));
        listener.onEvent(new MeshEvent.InputMoved("daily-revenue", new InputMove("orders", "orders", "orders", 1, 2)));
        listener.onEvent(new MeshEvent.ProductFinished("daily-revenue", false, Duration.ZERO));
        listener.onEvent(new MeshEvent.PhaseFinished("deploy", Duration.ofMillis(60)));
        listener.onEvent(new MeshEvent.Warning(Diagnostic.warning(
                "MESH-ADAPTER", new Location(Path.of("orders.yaml"), 14, 7, ""), "Cannot check server 'dev'", null)));

        assertThat(log.lines)
                .containsExactly(
                        "[INFO] [1/2] Deploying product 'orders'",
                        "[INFO]   + create orders (1 columns) (port orders, 12 ms)",
                        "[INFO]   Product 'orders' deployed in 40 ms",
                        "[INFO] [2/2] Deploying product 'daily-revenue'",
                        "[INFO]   ~ input port orders: reads 'orders'/'orders' v1 -> v2",
                        "[INFO]   Product 'daily-revenue' is up to date",
                        "[WARNING] orders.yaml:14:7: warning: Cannot check server 'dev' [MESH-ADAPTER]");
    }

    @Test
    void logsWhatADeployKeepsAndTheDropsItHolds() {
        RecordingLog log = new RecordingLog();
        LogListener listener = new LogListener(log);
        Change keep = new Change.KeepTable("orders", 1, "still read by product 'daily-revenue' (input port 'orders')");
        Change drop = new Change.DropTable("orders", 1, "v1 retired");

        listener.onEvent(new MeshEvent.ProductStarted("orders", 1, 2));
        listener.onEvent(new MeshEvent.ChangeHeld("orders", "orders", keep, null));
        listener.onEvent(new MeshEvent.ChangeHeld("orders", "orders", drop, "held until later"));
        listener.onEvent(new MeshEvent.HeldDropsStarted("orders"));
        listener.onEvent(new MeshEvent.ChangeApplied("orders", "orders", drop, Duration.ofMillis(3)));

        assertThat(log.lines)
                .containsExactly(
                        "[INFO] [1/2] Deploying product 'orders'",
                        "[INFO]   = keep table orders v1: still read by product 'daily-revenue' (input port 'orders')"
                                + " (port orders)",
                        "[INFO]   - drop table orders (v1 retired): held until later (port orders)",
                        "[INFO] Dropping what product 'orders' held until its consumers were deployed",
                        "[INFO]   - drop table orders (v1 retired) (port orders, 3 ms)");
    }
}
