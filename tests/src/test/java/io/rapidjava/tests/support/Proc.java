package io.rapidjava.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says about the daemon: its open pipes and its children's states. */
public final class Proc {

    private Proc() {
    }

    /** How many of the process's descriptors are pipes ({@code pipe:[inode]}). */
    public static long pipes(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("pipe:");
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/" + pid + "/fd", e);
        }
    }

    /** The pids of the process's children that are zombies (exited, not reaped). */
    public static List<Long> zombieChildren(long pid) {
        List<Long> zombies = new ArrayList<>();
        for (long child : children(pid)) {
            String stat = read("/proc/" + child + "/stat");
            // "pid (comm) S ...": the state follows the last ')', comm may hold anything
            int end = stat.lastIndexOf(')');
            if (end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z') {
                zombies.add(child);
            }
        }
        return zombies;
    }

    /** Gone: no such process (a recycled pid is another process), or a zombie awaiting its reaper. */
    public static boolean gone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        String stat = read("/proc/" + h.pid() + "/stat");
        int end = stat.lastIndexOf(')');
        return end < 0 || stat.length() < end + 3 || stat.charAt(end + 2) == 'Z' || stat.charAt(end + 2) == 'X';
    }

    private static List<Long> children(long pid) {
        List<Long> all = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                for (String kid : read(task.resolve("children").toString()).trim().split("\\s+")) {
                    if (!kid.isEmpty()) {
                        all.add(Long.parseLong(kid));
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/" + pid + "/task", e);
        }
        return all;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }
}
