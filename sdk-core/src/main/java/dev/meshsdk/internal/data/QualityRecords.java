package dev.meshsdk.internal.data;

import dev.meshsdk.CheckReport;
import dev.meshsdk.spi.quality.QualityResult;
import dev.meshsdk.spi.registry.QualityRecord;

/** Turns quality results into what the registry keeps and what a check reports. Measured figures only. */
final class QualityRecords {
    private QualityRecords() {}

    static QualityRecord.Result result(QualityResult r) {
        return new QualityRecord.Result(
                r.rule().rule().label(),
                r.rule().scope(),
                r.rule().rule().metric(),
                r.measured(),
                r.threshold() == null ? null : r.threshold().toString(),
                r.severity() == null ? "error" : r.severity(),
                r.status().name(),
                r.message());
    }

    static QualityRecord.Result result(CheckReport.RuleCheck r) {
        return new QualityRecord.Result(
                r.rule(),
                r.scope(),
                r.metric(),
                r.measured(),
                r.threshold(),
                r.severity(),
                r.verdict().name(),
                r.message());
    }

    static CheckReport.RuleCheck check(QualityResult r) {
        return new CheckReport.RuleCheck(
                CheckReport.Kind.QUALITY,
                r.rule().rule().label(),
                r.rule().scope(),
                r.rule().rule().metric(),
                r.measured(),
                r.threshold() == null ? null : r.threshold().toString(),
                r.rule().rule().unit(),
                r.severity(),
                CheckReport.Verdict.valueOf(r.status().name()),
                r.message());
    }

    /** A name part for a metric: anything but letters, digits, '_', '.' and '-' becomes '_'. */
    static String metricPart(String s) {
        return s == null ? "_" : s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
