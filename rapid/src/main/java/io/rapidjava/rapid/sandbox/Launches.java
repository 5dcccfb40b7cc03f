package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.ExtensionRegistry;
import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts a generation's processes: the extensions directory's executables in name order, each in its own process
 * group, then the runtime once every one has registered. Listing, checks and fork/exec run on a virtual thread; the
 * generation learns of each extension (before it can register) and each process on the event loop.
 */
final class Launches {

    private final Sandbox sandbox;
    private final Config config;
    private final Path daemonDir = Path.of("").toAbsolutePath();

    Launches(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.config = sandbox.config;
    }

    void extensions(Generation g) {
        Map<String, String> env = RuntimeEnvironment.forExtensions(config, sandbox.runtimeApiAddress);
        g.launches = offLoop(g, () -> {
            List<Path> files = config.extensionsEnabled() ? ExtensionFiles.list(config.extensionsDir()) : List.of();
            boolean go = OnLoop.call(sandbox.context, () -> {
                files.forEach(f -> g.extensions.launched(f.getFileName().toString()));
                return !g.ended;
            });
            for (int i = 0; go && i < files.size(); i++) {
                Path file = files.get(i);
                String name = file.getFileName().toString();
                String whyNot = i >= ExtensionRegistry.MAX_EXTENSIONS
                        ? "Extension limit (" + ExtensionRegistry.MAX_EXTENSIONS + ") reached: " + files.size()
                        + " extensions in " + config.extensionsDir()
                        : ChildProcess.whyNotExecutable(file.toString(), env, daemonDir);
                ChildProcess process = null;
                if (whyNot == null) {
                    try {
                        process = ChildProcess.start("extension-" + name + "-" + g.number, List.of(file.toString()),
                                env, daemonDir, lines("extension", name));
                    } catch (Exception e) {
                        whyNot = "fork/exec " + file + ": " + e.getMessage();
                    }
                }
                ChildProcess launched = process;
                String failure = whyNot;
                go = OnLoop.call(sandbox.context, () -> extensionLaunched(g, name, launched, failure));
            }
        }, () -> {
            g.extensionsLaunched = true;
            if (g.extensions.externalsRegistered()) {
                runtime(g);
            }
        });
    }

    /** Records a launched extension, or fails the init when it could not be launched; false stops the launch. */
    private boolean extensionLaunched(Generation g, String name, ChildProcess process, String whyNot) {
        if (process == null) {
            g.extensions.byName(name).launchFailed();
            sandbox.inits.failed(g, Fault.of(ErrorType.EXTENSION_LAUNCH_ERROR, whyNot), null);
            return false;
        }
        g.extensionProcesses.put(name, process);
        process.onExit().thenAccept(status -> sandbox.context.runOnContext(v -> sandbox.extensionExited(g, name, status)));
        Log.debug("Launched extension " + name + " (pid " + process.pid() + ")");
        return !g.ended;
    }

    void runtime(Generation g) {
        if (g != sandbox.gen || g.ended || g.runtimeLaunched) {
            return;
        }
        g.runtimeLaunched = true;
        Map<String, String> env = RuntimeEnvironment.of(config, sandbox.runtimeApiAddress);
        Path cwd = config.workingDir();
        String command = config.bootstrap().getFirst();
        g.launches = offLoop(g, () -> {
            Fault fault = null;
            ChildProcess process = null;
            String whyNot;
            if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
                fault = Fault.of(ErrorType.RUNTIME_INVALID_WORKING_DIR, "chdir " + cwd + ": no such file or directory");
            } else if ((whyNot = ChildProcess.whyNotExecutable(command, env, cwd)) != null) {
                fault = Fault.of(ErrorType.RUNTIME_INVALID_ENTRYPOINT, whyNot);
            } else {
                Log.info("exec '" + command + "' (cwd=" + cwd + ", handler=" + config.function().handler() + ")");
                try {
                    process = ChildProcess.start("runtime-" + g.number, config.bootstrap(), env, cwd,
                            lines("function", null));
                } catch (Exception e) {
                    fault = Fault.of(ErrorType.RUNTIME_INVALID_ENTRYPOINT, "fork/exec " + command + ": " + e.getMessage());
                }
            }
            ChildProcess launched = process;
            Fault failure = fault;
            OnLoop.call(sandbox.context, () -> {
                if (launched == null) {
                    sandbox.inits.failed(g, failure, null);
                } else {
                    g.runtime = launched;
                    launched.onExit().thenAccept(status ->
                            sandbox.context.runOnContext(v -> sandbox.runtimeExited(g, status)));
                }
                return null;
            });
        }, null);
    }

    /** A process's output lines, on its pump's thread: each one a platform event, in the running invoke's Tail. */
    private Consumer<String> lines(String source, String name) {
        return text -> {
            Invoke inv = sandbox.invokes.logging;
            sandbox.emit(inv, new PlatformEvent.LogLine(PlatformEvent.now(), source, name,
                    inv == null ? null : inv.id, text));
        };
    }

    /** Runs a launch on a virtual thread; {@code then} follows on the event loop. Done when the thread is. */
    private CompletableFuture<Void> offLoop(Generation g, Runnable launch, Runnable then) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("launch-" + g.number).start(() -> {
            try {
                launch.run();
            } catch (RuntimeException e) {
                Log.error("Launch in generation " + g.number + " failed: " + e);
            } finally {
                done.complete(null);
                if (then != null) {
                    sandbox.context.runOnContext(v -> then.run());
                }
            }
        });
        return done;
    }
}
