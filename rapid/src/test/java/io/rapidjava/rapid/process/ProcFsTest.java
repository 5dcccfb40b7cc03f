package io.rapidjava.rapid.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    /** VmHWM as the status file states it, read the plain way. */
    private static long statusHwm(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).trim().split(" ")[0]) * 1024;
            }
        }
        throw new AssertionError("no VmHWM");
    }

    private static long peak(long pid) {
        try (ProcFs.Tree tree = new ProcFs.Tree(pid)) {
            return tree.peakRss();
        }
    }

    @Test
    void peakOfALeafProcessIsItsVmHwm() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try (ProcFs.Tree tree = new ProcFs.Tree(child.pid())) {
            long pid = child.pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            // the JDK starts it through jspawnhelper, whose small peak stays put until it execs sleep
            while (!Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep")
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // sleep may still be loading, and may pause there: assertPeak compares against readings on both sides
            assertPeak(tree, () -> statusHwm(pid), "first read");
            assertPeak(tree, () -> statusHwm(pid), "read again through the open files");
        } finally {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void peakOfATreeCountsTheChildren() throws Exception {
        // each child prints once it runs, so the tree has its final shape when both lines are in
        Process shell = new ProcessBuilder("sh", "-c", "sh -c 'echo a; exec sleep 30' & sh -c 'echo b; exec sleep 30' & wait").start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getInputStream()))) {
            out.readLine();
            out.readLine();
            long pid = shell.pid();
            long[] kids = ProcessHandle.of(pid).orElseThrow().children().mapToLong(ProcessHandle::pid).toArray();
            assertEquals(2, kids.length, "both children started");
            // a child may still be exec'ing sleep: compare readings taken back to back until they agree
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long expected;
            long actual;
            do {
                expected = statusHwm(pid) + statusHwm(kids[0]) + statusHwm(kids[1]);
                actual = peak(pid);
            } while (actual != expected && System.nanoTime() < deadline);
            assertEquals(expected, actual);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * A JVM that forks {@code sleep 30} from a thread of its own, as runtimes do, and prints the child's pid. With
     * {@code late}, it first prints {@code ready} and starts that thread only once a line comes on its stdin.
     */
    private static Process forker(Path dir, boolean late) throws Exception {
        Path source = dir.resolve("Forker.java");
        Files.writeString(source, """
                public class Forker {
                    public static void main(String[] args) throws Exception {
                        if (args.length > 0) {
                            System.out.println("ready");
                            System.in.read();
                        }
                        Thread forker = new Thread(() -> {
                            try {
                                Process p = new ProcessBuilder("sleep", "30").start();
                                System.out.println(p.pid());
                                Thread.sleep(30_000);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        forker.start();
                        forker.join();
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", source.toString()));
        if (late) {
            command.add("late");
        }
        return new ProcessBuilder(command).start();
    }

    /**
     * Reads the tree between two readings of {@code expected} until both readings agree with it (5 s at most), then
     * asserts it. A peak only grows, so readings that agree on both sides pin the value the tree must give.
     */
    private static void assertPeak(ProcFs.Tree tree, Callable<Long> expected, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long before;
        long actual;
        long after;
        do {
            before = expected.call();
            actual = tree.peakRss();
            after = expected.call();
        } while ((before != after || actual != before) && System.nanoTime() < deadline);
        assertEquals(before, after, message + ": the process settled");
        assertEquals(before, actual, message);
    }

    private static void stop(Process root) throws Exception {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void theChildrenOfEveryThreadOfARootCountAsItsThreadsComeAndGo(@TempDir Path dir) throws Exception {
        // the child is listed under the thread that forked it, not the main one
        Process root = forker(dir, false);
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(root.getInputStream()));
             ProcFs.Tree tree = new ProcFs.Tree(root.pid())) {
            long sleeper = Long.parseLong(out.readLine().trim());
            assertPeak(tree, () -> statusHwm(root.pid()) + statusHwm(sleeper),
                    "the root and the child of its second thread");
            ProcessHandle child = ProcessHandle.of(sleeper).orElseThrow();
            child.destroyForcibly();
            child.onExit().get(5, TimeUnit.SECONDS);
            assertPeak(tree, () -> statusHwm(root.pid()), "the child gone, read again through the files kept open");
        } finally {
            stop(root);
        }
    }

    @Test
    void aThreadStartedAfterAListingHasItsChildrenCountedAtTheNextRead(@TempDir Path dir) throws Exception {
        // the listing is never renewed by age here: only the changed thread count can bring the new thread in
        Process root = forker(dir, true);
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(root.getInputStream()));
             ProcFs.Tree tree = new ProcFs.Tree(root.pid(), Long.MAX_VALUE)) {
            assertEquals("ready", out.readLine());
            assertTrue(tree.peakRss() > 0, "listed once");
            root.getOutputStream().write('\n');
            root.getOutputStream().flush();
            long sleeper = Long.parseLong(out.readLine().trim());
            assertPeak(tree, () -> statusHwm(root.pid()) + statusHwm(sleeper),
                    "the root and the child of the thread it started after the first read");
        } finally {
            stop(root);
        }
    }

    @Test
    void theThreadsAreListedAgainWhenTheirCountChangesOrTheListingIsOld() {
        long second = TimeUnit.SECONDS.toNanos(1);
        assertTrue(ProcFs.relist(12, 0, 0, second), "never listed");
        assertFalse(ProcFs.relist(12, 12, second - 1, second), "same count, listed within the interval");
        assertTrue(ProcFs.relist(13, 12, 0, second), "a thread more");
        assertTrue(ProcFs.relist(11, 12, 0, second), "a thread less");
        assertTrue(ProcFs.relist(12, 12, second, second), "the listing is as old as the interval");
        assertTrue(ProcFs.relist(-1, -1, 0, second), "the count could not be read");
    }

    @Test
    void aProcessThatIsGoneCountsZero() throws Exception {
        assertEquals(0, peak(Integer.MAX_VALUE));
        Process child = new ProcessBuilder("sleep", "30").start();
        try (ProcFs.Tree tree = new ProcFs.Tree(child.pid())) {
            assertTrue(tree.peakRss() > 0);
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertEquals(0, tree.peakRss(), "reaped");
        }
    }

    @Test
    void aThreadedProcessIsWalkedThroughAllItsTasks() throws Exception {
        // this JVM has many threads; the child hangs off the task of the thread that started it
        Process child = new ProcessBuilder("sh", "-c", "echo a; exec sleep 30").start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            out.readLine();
            long self = ProcessHandle.current().pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long atLeast;
            long actual;
            do {
                atLeast = statusHwm(self) + statusHwm(child.pid());
                actual = peak(self);
            } while (actual < atLeast && System.nanoTime() < deadline);
            assertTrue(actual >= atLeast, "the child is counted: " + actual + " < " + atLeast);
        } finally {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
