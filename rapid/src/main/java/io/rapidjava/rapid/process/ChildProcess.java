package io.rapidjava.rapid.process;

import io.rapidjava.fatalerror.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A runtime or extension process: started in its own session and process group, its stdout and stderr pumped
 * line by line, its end reported by the {@link Reaper}.
 */
public final class ChildProcess {

    private final String name;
    private final int pid;
    private final CompletableFuture<ExitStatus> exit;
    private final LogPump output;
    private final ProcFs.Tree memory;

    private ChildProcess(String name, Reaper.Launched launched, LogPump output) {
        this.name = name;
        this.pid = launched.pid();
        this.exit = launched.exit();
        this.output = output;
        this.memory = new ProcFs.Tree(pid);
        exit.thenRun(memory::close);
    }

    /** Why a command cannot be executed, checked before launch so the error is Lambda's. */
    public static String whyNotExecutable(String command, Map<String, String> env, Path cwd) {
        Path resolved = resolve(command, env, cwd);
        if (resolved == null || !Files.exists(resolved)) {
            return "fork/exec " + command + ": no such file or directory";
        }
        if (Files.isDirectory(resolved) || !Files.isExecutable(resolved)) {
            return "fork/exec " + command + ": permission denied";
        }
        return null;
    }

    /** The command as the child's PATH finds it (a name with a slash is relative to {@code cwd}); null if not found. */
    private static Path resolve(String command, Map<String, String> env, Path cwd) {
        if (command.contains("/")) {
            return cwd.resolve(command);
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = cwd.resolve(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Starts {@code command} with exactly {@code env} in {@code cwd}; its output lines go to {@code lines} (from
     * the pump's thread). A failed start throws with the C library's reason, e.g. {@code exec format error}.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path cwd,
                                     Consumer<String> lines) throws IOException {
        Path program = resolve(command.getFirst(), env, cwd);
        if (program == null) {
            throw new IOException("no such file or directory");
        }
        // stdout and stderr share one pipe, so their lines keep the order the child wrote them in.
        try (Pipe pipe = new Pipe()) {
            Reaper.Launched launched = Reaper.launch(() -> Spawn.start(program, command, env, cwd, pipe.writeFd()));
            pipe.closeWriteEnd();
            return new ChildProcess(name, launched, new LogPump(pipe.takeReadEnd(), lines, name + "-output"));
        }
    }

    /**
     * Links the native calls a launch makes (posix_spawn and its attributes, pipes, the reaper's waitid): each
     * foreign-function handle is generated on first use, ~25 ms in all, which a caller can do on a spare core while
     * the daemon starts instead of inside the first init.
     */
    public static void prepare() {
        var lookup = java.lang.invoke.MethodHandles.lookup();
        try {
            for (Class<?> c : List.of(Spawn.class, Pipe.class, ReadEnd.class, Siginfo.class, Reaper.class, Signals.class)) {
                lookup.ensureInitialized(c);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    /** Until it is reaped. */
    public boolean alive() {
        return !exit.isDone();
    }

    /** Completes (on the reaper's thread) with how the child ended. */
    public CompletableFuture<ExitStatus> onExit() {
        return exit.copy();
    }

    /** Signals the whole process group of this child. */
    public void signal(int signal) {
        if (alive()) {
            Signals.killGroup(pid, signal);
        }
    }

    /**
     * SIGKILLs the whole process group, also after the child itself has exited: what it left in its group dies
     * with it. (The child leads a session of its own, so its pid is its group id.)
     */
    public void killGroup() {
        Signals.kill(-pid, Signals.SIGKILL);
    }

    /** Whether any process of the child's group is left, zombies included. */
    public boolean groupAlive() {
        return Signals.kill(-pid, 0);
    }

    /** Completes when the pump has passed on what the child already wrote. */
    public CompletableFuture<Void> logsDrained() {
        return output.drained();
    }

    /** Peak resident memory of this process and its descendants, in bytes (Linux procfs; 0 if unreadable). */
    public long peakMemoryBytes() {
        return memory.peakRss();
    }
}
