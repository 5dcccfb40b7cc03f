package io.rapidjava.tests.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one case's bytes over a fresh raw socket to 127.0.0.1 and reads what comes back, bounded by one deadline
 * (a watchdog closes the socket if even a write blocks past it).
 */
final class Exchange {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fuzz-watchdog");
        t.setDaemon(true);
        return t;
    });
    private static final Duration WATCHDOG_SLACK = Duration.ofMillis(500);

    private Exchange() {
    }

    /** HTTP/2's connection preface: the daemon may answer it in HTTP/2 frames (h2c with prior knowledge). */
    private static final byte[] H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    static Outcome run(int port, FuzzCase c, Duration deadline) {
        return run(port, c.bytes(), c.writes(), c.ending(), c.methods(), deadline);
    }

    static Outcome run(int port, byte[] bytes, int writes, Ending ending, List<String> methods, Duration deadline) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<Answer> answers = new ArrayList<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Socket socket = new Socket()) {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                closeQuietly(socket);
            }, deadline.plus(WATCHDOG_SLACK).toMillis(), TimeUnit.MILLISECONDS);
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
                try {
                    write(socket.getOutputStream(), bytes, writes);
                } catch (IOException e) {
                    // the daemon may close early (e.g. on an oversized head) and still have answered: read that
                }
                if (ending == Ending.ABORT) {
                    socket.setSoLinger(true, 0);
                    return outcome(Outcome.Kind.ABORTED, answers, "", start);
                }
                if (ending == Ending.HALF_CLOSE && !socket.isOutputShutdown()) {
                    shutdownOutputQuietly(socket);
                }
                if (Arrays.equals(bytes, 0, Math.min(bytes.length, H2_PREFACE.length), H2_PREFACE, 0, H2_PREFACE.length)) {
                    return drain(socket, end, start);
                }
                AnswerReader reader = new AnswerReader(socket, end);
                int expected = ending == Ending.KEEP_OPEN ? methods.size() : Integer.MAX_VALUE;
                while (answers.size() < expected) {
                    Answer a = reader.next(answers.size() < methods.size() ? methods.get(answers.size()) : "POST");
                    if (a == null) {
                        return outcome(answers.isEmpty() || ending == Ending.KEEP_OPEN ? Outcome.Kind.CLOSED
                                : Outcome.Kind.ANSWERED, answers, "", start);
                    }
                    if (a.status() / 100 != 1 || a.status() == 101) {
                        answers.add(a);
                    }
                    if (a.status() == 101) {
                        break;
                    }
                }
                return outcome(Outcome.Kind.ANSWERED, answers, "", start);
            } finally {
                watchdog.cancel(false);
            }
        } catch (AnswerReader.Cut e) {
            // Netty closes a connection when its client shuts its output down, whatever is being written to it
            // (Vert.x has no half-closure option): the README documents it; cut early, never garbled
            return outcome(ending == Ending.HALF_CLOSE ? Outcome.Kind.CLOSED : Outcome.Kind.MALFORMED, answers,
                    e.getMessage(), start);
        } catch (AnswerReader.Malformed e) {
            return outcome(Outcome.Kind.MALFORMED, answers, e.getMessage(), start);
        } catch (SocketTimeoutException e) {
            return outcome(Outcome.Kind.GAVE_UP, answers, "", start);
        } catch (IOException e) {
            return outcome(timedOut.get() ? Outcome.Kind.GAVE_UP : Outcome.Kind.CLOSED, answers, e.toString(), start);
        }
    }

    /** Reads (and ignores) HTTP/2 frames until the daemon closes or the deadline passes. */
    private static Outcome drain(Socket socket, long end, long start) throws IOException {
        byte[] buf = new byte[8192];
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return outcome(Outcome.Kind.GAVE_UP, List.of(), "http/2", start);
            }
            socket.setSoTimeout((int) left);
            if (socket.getInputStream().read(buf) < 0) {
                return outcome(Outcome.Kind.ANSWERED, List.of(), "http/2", start);
            }
        }
    }

    /** Writes {@code bytes} in {@code writes} separate writes (each its own segment with TCP_NODELAY). */
    private static void write(OutputStream out, byte[] bytes, int writes) throws IOException {
        int from = 0;
        for (int i = 1; i <= writes; i++) {
            int to = (int) ((long) bytes.length * i / writes);
            out.write(bytes, from, to - from);
            out.flush();
            from = to;
        }
    }

    private static Outcome outcome(Outcome.Kind kind, List<Answer> answers, String detail, long start) {
        return new Outcome(kind, List.copyOf(answers), detail, (System.nanoTime() - start) / 1_000_000);
    }

    private static void shutdownOutputQuietly(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already reset by the daemon: reading tells the rest
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
