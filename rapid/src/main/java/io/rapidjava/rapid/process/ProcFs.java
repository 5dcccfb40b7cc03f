package io.rapidjava.rapid.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small procfs reads (they never wait on a device, so they are fine on the event loop). */
public final class ProcFs {

    private static final int MAX_PROCESSES = 256;

    private ProcFs() {
    }

    /** Sum of VmHWM over the process and its descendants (via /proc/PID/task/TID/children). */
    public static long peakRssOfTree(long pid) {
        long[] total = {0};
        int[] visited = {0};
        walk(pid, total, visited);
        return total[0];
    }

    private static void walk(long pid, long[] total, int[] visited) {
        if (visited[0]++ >= MAX_PROCESSES) {
            return;
        }
        total[0] += vmHwmBytes(pid);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String children;
                try {
                    children = Files.readString(task.resolve("children")).trim();
                } catch (IOException e) {
                    continue;
                }
                if (!children.isEmpty()) {
                    for (String child : children.split(" ")) {
                        walk(Long.parseLong(child), total, visited);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or procfs is not there: what was counted stands
        }
    }

    static long vmHwmBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim();
                    return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
