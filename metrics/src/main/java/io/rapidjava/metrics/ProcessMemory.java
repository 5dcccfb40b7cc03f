package io.rapidjava.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon's own memory as the kernel counts it ({@code /proc/self/status}): resident ({@code VmRSS}, what a
 * sandbox's memory limit is measured against), its peak ({@code VmHWM}) and virtual size ({@code VmSize}), in bytes.
 * Micrometer's JVM binders see the heap and the JVM's pools, not the whole process.
 */
final class ProcessMemory implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "process.memory.usage", "The daemon's resident memory (VmRSS)", "VmRSS:");
        gauge(registry, "process.memory.peak", "The daemon's peak resident memory (VmHWM)", "VmHWM:");
        gauge(registry, "process.memory.virtual", "The daemon's virtual memory (VmSize)", "VmSize:");
    }

    private void gauge(MeterRegistry registry, String name, String description, String field) {
        Gauge.builder(name, this, p -> p.kilobytes(field) * 1024.0).description(description).baseUnit("bytes")
                .strongReference(true).register(registry);
    }

    /** A field of /proc/self/status in kB; NaN where there is none (not Linux). */
    private double kilobytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Double.parseDouble(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such file or field here: the gauge reads NaN, as Micrometer's own do
        }
        return Double.NaN;
    }
}
