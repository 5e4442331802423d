package dev.meshsdk.maven;

import dev.meshsdk.event.MeshEvent;
import dev.meshsdk.event.MeshListener;
import java.time.Duration;
import org.apache.maven.plugin.logging.Log;

/** Turns the SDK's progress events into Maven log lines: a line per product and per change. */
final class LogListener implements MeshListener {
    private final Log log;

    LogListener(Log log) {
        this.log = log;
    }

    @Override
    public void onEvent(MeshEvent event) {
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed events
        if (event instanceof MeshEvent.ProductStarted e) {
            log.info("[" + e.index() + "/" + e.total() + "] Deploying product '" + e.productId() + "'");
        } else if (event instanceof MeshEvent.ChangeApplied e) {
            log.info("  " + e.change().symbol() + " " + e.change().summary() + " (port " + e.port() + ", "
                    + millis(e.took()) + ")");
        } else if (event instanceof MeshEvent.ChangeHeld e) {
            log.info("  " + e.change().symbol() + " " + e.change().summary() + (e.note() == null ? "" : ": " + e.note())
                    + " (port " + e.port() + ")");
        } else if (event instanceof MeshEvent.InputMoved e) {
            log.info("  ~ " + e.move().summary());
        } else if (event instanceof MeshEvent.HeldDropsStarted e) {
            log.info("Dropping what product '" + e.productId() + "' held until its consumers were deployed");
        } else if (event instanceof MeshEvent.ProductFinished e) {
            log.info(
                    e.changed()
                            ? "  Product '" + e.productId() + "' deployed in " + millis(e.took())
                            : "  Product '" + e.productId() + "' is up to date");
        } else if (event instanceof MeshEvent.Warning e) {
            log.warn(e.diagnostic().format());
        } else if (event instanceof MeshEvent.PhaseFinished e && log.isDebugEnabled()) {
            log.debug("Phase " + e.phase() + " took " + millis(e.took()));
        } else if (event instanceof MeshEvent.PublishFinished e && log.isDebugEnabled()) {
            log.debug("Published into " + e.report().table() + " in "
                    + millis(e.report().took()));
        } else if (event instanceof MeshEvent.PortChecked e && log.isDebugEnabled()) {
            log.debug("Checked port '" + e.check().port() + "' of '" + e.check().productId() + "' in "
                    + millis(e.took()));
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
