package io.rapidjava.rapid;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;

/**
 * The daemon's platform threads and their stacks on stderr, for SIGQUIT: the JVM, run with -Xrs so that the
 * daemon takes SIGQUIT itself, no longer prints its own dump.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    static void toStderr() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getKey().threadId()))
                .forEach(e -> append(dump, e));
        Log.always(LogLevel.INFO, "SIGQUIT: the daemon's threads");
        OutputWriter.get().stderr(dump.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void append(StringBuilder dump, Map.Entry<Thread, StackTraceElement[]> thread) {
        Thread t = thread.getKey();
        dump.append('"').append(t.getName()).append("\" #").append(t.threadId())
                .append(t.isDaemon() ? " daemon" : "").append(' ').append(t.getState()).append('\n');
        for (StackTraceElement frame : thread.getValue()) {
            dump.append("\tat ").append(frame).append('\n');
        }
        dump.append('\n');
    }
}
