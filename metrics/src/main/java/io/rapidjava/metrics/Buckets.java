package io.rapidjava.metrics;

import java.time.Duration;
import java.util.Arrays;

/** The histograms' bucket limits. */
final class Buckets {

    private static final long MIB = 1 << 20;

    /**
     * Invoke and init durations: OpenTelemetry's recommended limits for faas.invoke_duration (5 ms to 10 s), then
     * up to Lambda's longest timeout, 15 minutes.
     */
    static final Duration[] DURATIONS = seconds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5,
            10, 30, 60, 300, 900);

    /** Shorter waits: an extension's overhead, a telemetry send, a shutdown (limited to 2 s by default). */
    static final Duration[] WAITS = seconds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10);

    /** Memory per invoke, in bytes: the sizes a function may be given (128 MB to 10,240 MB) and a few below. */
    static final double[] MEMORY = Arrays.stream(new long[] {16, 32, 64, 128, 256, 512, 1024, 1536, 2048, 3008, 4096,
            6144, 8192, 10240}).mapToDouble(mb -> mb * MIB).toArray();

    private Buckets() {
    }

    private static Duration[] seconds(double... limits) {
        return Arrays.stream(limits).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
