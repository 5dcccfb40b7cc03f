package io.rapidjava.rapid.process;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Small procfs reads (they never wait on a device, so they are fine on the event loop). The peak memory of a
 * runtime is read at the end of every invoke, so this reads raw bytes and parses them in place (no readers,
 * decoders or line lists), and keeps the root process's files open: procfs regenerates a file on every read
 * from offset 0, so one positioned read gives fresh figures.
 */
public final class ProcFs {

    private static final int MAX_PROCESSES = 256;
    private static final long[] NONE = new long[0];
    private static final byte[] VM_HWM = {'V', 'm', 'H', 'W', 'M', ':'};
    private static final byte[] THREADS = {'T', 'h', 'r', 'e', 'a', 'd', 's', ':'};

    private ProcFs() {
    }

    /**
     * The peak memory of one process tree (VmHWM of the root and its descendants, found through
     * /proc/PID/task/TID/children), read again and again. Thread-safe; close it when the root is gone.
     *
     * <p>Listing the threads of a threaded root cost as much as all their children files together (10 µs for a
     * JVM's dozen threads, at the end of every invoke), so a listing serves while the root's thread count stays
     * the same, for at most {@link #RELIST_NANOS}: a thread that replaced one in that time has its children
     * counted from the next listing on.
     */
    public static final class Tree implements AutoCloseable {
        static final long RELIST_NANOS = TimeUnit.SECONDS.toNanos(1);

        private final long pid;
        private final long relistNanos;
        private final ByteBuffer buf = ByteBuffer.allocate(4096);
        private FileChannel status;
        private FileChannel children;
        /** The children files of the root's threads, kept open as the root's are: a runtime has dozens. */
        private final Map<Long, TaskFile> taskChildren = new HashMap<>();
        private long listing;
        private long listedThreads;
        private long listedAt;
        private boolean closed;

        public Tree(long pid) {
            this(pid, RELIST_NANOS);
        }

        Tree(long pid, long relistNanos) {
            this.pid = pid;
            this.relistNanos = relistNanos;
        }

        /** Sum of VmHWM over the root and its descendants, in bytes; what cannot be read counts 0. */
        public synchronized long peakRss() {
            if (closed) {
                return 0;
            }
            if (status == null) {
                status = open("/proc/" + pid + "/status");
                children = open("/proc/" + pid + "/task/" + pid + "/children");
            }
            int len = read(status, buf);
            long total = vmHwmBytes(buf.array(), len);
            long threads = number(buf.array(), len, THREADS);
            // One thread (most runtimes between invokes): its children are all the root's children.
            long[] kids = threads == 1 ? numbers(buf.array(), read(children, buf)) : childrenOfRootTasks(threads);
            int[] visited = {1};
            for (long kid : kids) {
                total += walk(kid, buf.array(), visited);
            }
            return total;
        }

        @Override
        public synchronized void close() {
            closed = true;
            closeQuietly(status);
            closeQuietly(children);
            taskChildren.values().forEach(t -> closeQuietly(t.file));
            taskChildren.clear();
        }

        /** The children of every thread of the root, {@code threads} of them now: their files opened once. */
        private long[] childrenOfRootTasks(long threads) {
            long now = System.nanoTime();
            if (relist(threads, listedThreads, now - listedAt, relistNanos)) {
                listTasks();
                listedThreads = threads;
                listedAt = now;
            }
            long[] all = NONE;
            for (TaskFile t : taskChildren.values()) {
                all = concat(all, numbers(buf.array(), read(t.file, buf)));
            }
            return all;
        }

        /** The root's threads listed anew: a new one's children file opened, a gone one's closed. */
        private void listTasks() {
            String[] tasks = new File("/proc/" + pid + "/task").list();
            long seen = ++listing;
            for (String task : tasks == null ? new String[0] : tasks) {
                TaskFile t = taskChildren.computeIfAbsent(Long.parseLong(task),
                        tid -> new TaskFile(open("/proc/" + pid + "/task/" + tid + "/children")));
                t.listed = seen;
            }
            taskChildren.values().removeIf(t -> {
                boolean gone = t.listed != seen;
                if (gone) {
                    closeQuietly(t.file);
                }
                return gone;
            });
        }
    }

    /**
     * Whether the root's threads are listed again: their count changed since the last listing, or that listing is
     * {@code relistNanos} old. A count that cannot be read (negative) always lists.
     */
    static boolean relist(long threads, long listedThreads, long sinceListing, long relistNanos) {
        return threads < 0 || threads != listedThreads || sinceListing >= relistNanos;
    }

    /** A thread's children file, and the listing that last saw the thread. */
    private static final class TaskFile {
        final FileChannel file;
        long listed;

        TaskFile(FileChannel file) {
            this.file = file;
        }
    }

    private static long walk(long pid, byte[] buf, int[] visited) {
        if (visited[0]++ >= MAX_PROCESSES) {
            return 0;
        }
        String dir = "/proc/" + pid;
        long total = vmHwmBytes(buf, read(dir + "/status", buf));
        for (long kid : childrenOfAllTasks(dir, buf)) {
            total += walk(kid, buf, visited);
        }
        return total;
    }

    private static long[] childrenOfAllTasks(String dir, byte[] buf) {
        String[] tasks = new File(dir + "/task").list();
        if (tasks == null) {
            return NONE;
        }
        long[] all = NONE;
        for (String task : tasks) {
            all = concat(all, numbers(buf, read(dir + "/task/" + task + "/children", buf)));
        }
        return all;
    }

    private static long[] concat(long[] all, long[] some) {
        if (some.length == 0) {
            return all;
        }
        long[] both = Arrays.copyOf(all, all.length + some.length);
        System.arraycopy(some, 0, both, all.length, some.length);
        return both;
    }

    private static long vmHwmBytes(byte[] buf, int len) {
        return Math.max(0, number(buf, len, VM_HWM)) * 1024;
    }

    /** The number after a status line's label, -1 when the line is not there. */
    private static long number(byte[] buf, int len, byte[] label) {
        int at = indexOf(buf, len, label);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + label.length; i < len && buf[i] != '\n'; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                value = value * 10 + (buf[i] - '0');
            } else if (buf[i] != ' ' && buf[i] != '\t') {
                break;
            }
        }
        return value;
    }

    /** The decimal numbers in buf[0, len), e.g. the space-separated PIDs of a children file. */
    private static long[] numbers(byte[] buf, int len) {
        long[] out = NONE;
        long value = 0;
        boolean inNumber = false;
        for (int i = 0; i <= len; i++) {
            if (i < len && buf[i] >= '0' && buf[i] <= '9') {
                value = value * 10 + (buf[i] - '0');
                inNumber = true;
            } else if (inNumber) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = value;
                value = 0;
                inNumber = false;
            }
        }
        return out;
    }

    private static FileChannel open(String path) {
        try {
            return FileChannel.open(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * One positioned read from offset 0: a fresh copy of a procfs file, which procfs hands out whole when it
     * fits (4 KB holds the status lines used here, and more children than the walk would visit); 0 bytes when
     * it cannot be read.
     */
    private static int read(FileChannel channel, ByteBuffer buf) {
        if (channel == null) {
            return 0;
        }
        buf.clear();
        try {
            return Math.max(0, channel.read(buf, 0));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads a procfs file into buf (as above); 0 bytes when it cannot be read. */
    private static int read(String path, byte[] buf) {
        try (FileChannel channel = FileChannel.open(Path.of(path))) {
            return read(channel, ByteBuffer.wrap(buf));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    private static int indexOf(byte[] buf, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
