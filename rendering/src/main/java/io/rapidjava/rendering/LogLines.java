package io.rapidjava.rendering;

import io.rapidjava.interop.PlatformEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The platform lines real Lambda writes to a function's log stream (spec §7.2). */
public final class LogLines {

    private LogLines() {
    }

    public static String initStart(String runtimeVersion, String runtimeVersionArn) {
        return "INIT_START Runtime Version: " + runtimeVersion + "\tRuntime Version ARN: " + runtimeVersionArn;
    }

    /**
     * {@code INIT_REPORT} for an init that did not succeed, or for a SnapStart init, whose Init Duration is here and
     * not in REPORT; {@code errorType} may be null (timeout).
     */
    public static String initReport(double durationMs, String phase, String status, String errorType) {
        StringBuilder b = new StringBuilder("INIT_REPORT Init Duration: ").append(ms(durationMs))
                .append(" ms\tPhase: ").append(phase).append("\tStatus: ").append(status);
        if (errorType != null) {
            b.append("\tError Type: ").append(errorType);
        }
        return b.toString();
    }

    /** SnapStart's {@code RESTORE_START}, naming the runtime as {@code INIT_START} does. */
    public static String restoreStart(String runtimeVersion, String runtimeVersionArn) {
        return "RESTORE_START Runtime Version: " + runtimeVersion + "\tRuntime Version ARN: " + runtimeVersionArn;
    }

    /** SnapStart's {@code RESTORE_REPORT}: the status (and error type) only when the restore did not succeed. */
    public static String restoreReport(double durationMs, String status, String errorType) {
        StringBuilder b = new StringBuilder("RESTORE_REPORT Restore Duration: ").append(ms(durationMs)).append(" ms");
        if (status != null && !status.equals("success")) {
            b.append("\tStatus: ").append(status);
            if (errorType != null) {
                b.append("\tError Type: ").append(errorType);
            }
        }
        return b.toString();
    }

    public static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    public static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    /**
     * {@code REPORT} with Lambda's field order; Init Duration after Max Memory Used; status {@code timeout} or
     * {@code error} (with its type) appended, as Lambda does, when the invoke did not succeed.
     */
    public static String report(String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                                Double initDurationMs, String status, String errorType) {
        return report(requestId, durationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, null, status, errorType);
    }

    /**
     * {@code REPORT} of the first invoke after a SnapStart restore: {@code Restore Duration} and {@code Billed Restore
     * Duration} after Max Memory Used, as Lambda writes them; no restore figures when {@code restoreDurationMs} is
     * null.
     */
    public static String report(String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                                Double initDurationMs, Double restoreDurationMs, String status, String errorType) {
        StringBuilder b = new StringBuilder(160).append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(ms(durationMs)).append(" ms")
                .append("\tBilled Duration: ").append(billed(durationMs)).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB\t");
        if (initDurationMs != null) {
            b.append("Init Duration: ").append(ms(initDurationMs)).append(" ms\t");
        }
        if (restoreDurationMs != null) {
            b.append("Restore Duration: ").append(ms(restoreDurationMs)).append(" ms\t")
                    .append("Billed Restore Duration: ").append(billed(restoreDurationMs)).append(" ms\t");
        }
        if (status != null && !status.equals("success")) {
            b.append("Status: ").append(status).append('\t');
            if (errorType != null) {
                b.append("Error Type: ").append(errorType).append('\t');
            }
        }
        return b.toString();
    }

    /** {@code Task timed out after 3.00 seconds}. */
    public static String timedOut(double timeoutSeconds) {
        return "Task timed out after " + ms(timeoutSeconds) + " seconds";
    }

    /**
     * Two decimals, as {@code String.format("%.2f")} writes them (half up, from the double's shortest decimal), at
     * less than half its cost: this runs for every REPORT line. A negative value, which no duration is, keeps the
     * formatter's {@code -0.00}.
     */
    static String ms(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static long billed(double durationMs) {
        return PlatformEvent.InvokeReport.billed(durationMs);
    }
}
