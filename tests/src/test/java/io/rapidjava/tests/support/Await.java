package io.rapidjava.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Deadline-bounded polling (short poll interval, never a fixed sleep used as synchronisation). */
public final class Await {

    private static final long POLL_MS = 20;

    private Await() {
    }

    /** Polls {@code condition} until true; fails with {@code message} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + ": " + message.get());
            }
            pause();
        }
    }

    /** Polls {@code supplier} until it returns a present value. */
    public static <T> T value(Supplier<Optional<T>> supplier, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = supplier.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + ": " + message.get());
            }
            pause();
        }
    }

    /** Waits until {@code file} exists and returns its content (UTF-8). Files should be written atomically. */
    public static String file(Path file, Duration timeout) {
        return file(file, timeout, () -> "");
    }

    /** Like {@link #file(Path, Duration)} with extra context (e.g. {@link Daemon#describe()}) on failure. */
    public static String file(Path file, Duration timeout, Supplier<String> context) {
        until(() -> Files.exists(file), timeout, () -> "file " + file + " did not appear\n" + context.get());
        return read(file);
    }

    /** Waits until {@code file} exists and has at least {@code count} complete lines; returns them all. */
    public static List<String> lines(Path file, int count, Duration timeout, Supplier<String> context) {
        return value(() -> {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String content = read(file);
            // only complete (newline-terminated) lines count: the writer may be half-way through one
            List<String> lines = content.substring(0, content.lastIndexOf('\n') + 1).lines().toList();
            return lines.size() >= count ? Optional.of(lines) : Optional.empty();
        }, timeout, () -> "file " + file + " did not reach " + count + " line(s); content: "
                + (Files.exists(file) ? read(file) : "<missing>") + "\n" + context.get());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
