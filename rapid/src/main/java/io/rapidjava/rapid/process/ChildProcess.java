package io.rapidjava.rapid.process;

import io.rapidjava.fatalerror.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A runtime or extension process: started in its own session and process group (through setsid(1), since
 * the JDK cannot call setpgid between fork and exec), its stdout and stderr pumped line by line.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final LogPump output;
    private final ProcFs.Tree memory;

    private ChildProcess(String name, Process process, LogPump output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.memory = new ProcFs.Tree(process.pid());
        process.onExit().thenRun(memory::close);
    }

    /** Why a command cannot be executed, checked before launch so the error is Lambda's, not setsid's. */
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

    private static Path resolve(String command, Map<String, String> env, Path cwd) {
        if (command.contains("/")) {
            return cwd.resolve(command);
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path cwd,
                                     Consumer<String> lines) throws IOException {
        List<String> argv = new ArrayList<>(command.size() + 1);
        argv.add(Setsid.PATH);
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // stdout and stderr share one pipe, so their lines keep the order the child wrote them in.
        try (Pipe pipe = new Pipe()) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(pipe.writeEnd()));
            builder.redirectErrorStream(true);
            java.io.FileInputStream in = pipe.openReadEnd();
            Process process;
            try {
                process = Reaper.launch(builder);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            pipe.closeWriteEnd();
            process.onExit().thenRun(() -> Reaper.released(process.pid()));
            return new ChildProcess(name, process, new LogPump(in, lines, name + "-output"));
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public CompletableFuture<ExitStatus> onExit() {
        return process.onExit().thenApply(p -> ExitStatus.fromJdk(p.exitValue()));
    }

    /** Signals the whole process group of this child. */
    public void signal(int signal) {
        if (process.isAlive()) {
            Signals.killGroup(process.pid(), signal);
        }
    }

    /**
     * SIGKILLs the whole process group, also after the child itself has exited: what it left in its group dies
     * with it. (setsid made the child's pid its group id.)
     */
    public void killGroup() {
        Signals.kill((int) -process.pid(), Signals.SIGKILL);
    }

    /** Whether any process of the child's group is left, zombies included. */
    public boolean groupAlive() {
        return Signals.kill((int) -process.pid(), 0);
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
