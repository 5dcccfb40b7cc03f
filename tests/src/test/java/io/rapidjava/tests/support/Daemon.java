package io.rapidjava.tests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged daemon ({@code <rapid.home>/bin/rapid}) run as a child process of the test JVM.
 *
 * <p>Both listeners are bound to {@code 127.0.0.1:0}; the chosen ports are read from the daemon's ports line on
 * stderr ({@code invoke=127.0.0.1:<port> runtime-api=127.0.0.1:<port>}). stdout and stderr are each pumped line by
 * line by their own thread into lists that tests can snapshot or wait on.
 *
 * <p>{@link #close()} stops the daemon (SIGTERM, then SIGKILL after 10 s) and kills any of its descendants that
 * are still alive: only processes this daemon started are ever signalled.
 *
 * <p>The daemon is {@code <rapid.home>/bin/rapid}, or the launcher the system property {@code rapid.launcher} names
 * (an assembled image's {@code usr/local/bin/rapid}). With {@link Builder#pid1()} it runs as PID 1 of fresh PID and
 * mount namespaces; {@link #pid()}, {@link #process()} and {@link #signal} then mean the daemon, not the
 * {@code unshare} that started it.
 */
public final class Daemon implements AutoCloseable {

    /** The daemon's ports line on stderr. */
    public static final Pattern PORTS_LINE = Pattern.compile("invoke=([^\\s:]+):(\\d+) runtime-api=([^\\s:]+):(\\d+)");

    /** The control API's address in the ports line, when the daemon was started with {@code --control-address}. */
    private static final Pattern CONTROL = Pattern.compile(" control=([^\\s:]+):(\\d+)");

    /** The metrics' scrape endpoint in the ports line, when the daemon was started with {@code --metrics-address}. */
    private static final Pattern METRICS = Pattern.compile(" metrics=([^\\s:]+):(\\d+)");

    /** The Function URL's address in the ports line, when started with {@code --function-url-address}. */
    private static final Pattern FUNCTION_URL = Pattern.compile(" function-url=([^\\s:]+):(\\d+)");

    public static final String INVOKE_PATH = "/2015-03-31/functions/function/invocations";

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Path NO_EXTENSIONS = Path.of(System.getProperty("java.io.tmpdir"), "rapid-tests-no-extensions-dir");
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Process process;
    /** The daemon itself: {@link #process}, or with {@link Builder#pid1()} the child unshare forked. */
    private volatile ProcessHandle daemon;
    private final List<String> command;
    private final Output out = new Output("stdout");
    private final Output err = new Output("stderr");
    private final Set<ProcessHandle> seenDescendants = new LinkedHashSet<>();
    private volatile String invokeHost;
    private volatile int invokePort = -1;
    private volatile String runtimeApiHost;
    private volatile int runtimeApiPort = -1;
    private volatile String controlHost;
    private volatile int controlPort = -1;
    private volatile String metricsHost;
    private volatile int metricsPort = -1;
    private volatile int functionUrlPort = -1;

    /** Daemons not yet closed: killed (with their descendants) if the test JVM exits first. */
    private static final Set<Daemon> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Daemon d : LIVE) {
                d.rememberDescendants();
                d.process.destroyForcibly();
                d.killRemembered();
            }
        }, "rapid-daemons-cleanup"));
    }

    private Daemon(Process process, boolean pid1, List<String> command) {
        this.process = process;
        this.daemon = pid1 ? null : process.toHandle();
        this.command = command;
        LIVE.add(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shared HTTP/1.1 client the helpers use (tests may use it for their own requests). */
    public static HttpClient http() {
        return HTTP;
    }

    // ------------------------------------------------------------------------------------------------ builder

    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> flags = new ArrayList<>();
        private final List<String> removedEnv = new ArrayList<>();
        private final List<String> prefix = new ArrayList<>();
        private Path workingDir;
        private String invokeAddress = "127.0.0.1:0";
        private String runtimeApiAddress = "127.0.0.1:0";
        private boolean stdoutUnread;
        private boolean stderrUnreadAfterPorts;
        private boolean pid1;
        private Path containerRoot;
        private boolean bareJar;

        private Builder() {
        }

        /**
         * Runs the daemon's jar with the test JVM's {@code java -jar}: without bin/rapid's JVM flags and the signals
         * it blocks, as someone starting the jar by hand would.
         */
        public Builder bareJar() {
            bareJar = true;
            return this;
        }

        /**
         * Runs {@code /usr/local/bin/aws-lambda-rie} of the root filesystem {@code root} (an assembled image with what
         * its function needs) the way a container runtime does: chrooted into it, in {@code /var/task}, as PID 1 of
         * fresh PID and mount namespaces (see {@link #pid1()}).
         */
        public Builder inContainer(Path root) {
            pid1();
            containerRoot = root;
            return this;
        }

        /**
         * Runs the daemon as PID 1 of fresh PID and mount namespaces, as a container runtime would; skips the test,
         * saying why, where they cannot be made (not root).
         */
        public Builder pid1() {
            Pid1.assumeAvailable();
            pid1 = true;
            return this;
        }

        /** Bootstrap command and its arguments: the positional args after the flags. */
        public Builder command(String... bootstrapCommandAndArgs) {
            command.addAll(List.of(bootstrapCommandAndArgs));
            return this;
        }

        /** Adds a variable to the daemon's environment (otherwise inherited from the test JVM). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Removes a variable inherited from the test JVM from the daemon's environment. */
        public Builder unsetEnv(String key) {
            removedEnv.add(key);
            env.remove(key);
            return this;
        }

        /** Extra CLI flags, placed before the positional args. */
        public Builder flag(String... cliFlags) {
            flags.addAll(List.of(cliFlags));
            return this;
        }

        /**
         * A command the daemon is run through, which must exec it in the same process (e.g.
         * {@code prlimit --nofile=1024:1024 --}), so that {@link #pid()} and signals still reach the daemon.
         */
        public Builder prefix(String... wrapper) {
            prefix.addAll(List.of(wrapper));
            return this;
        }

        public Builder workingDir(Path dir) {
            workingDir = dir;
            return this;
        }

        /**
         * Value of {@code --runtime-interface-emulator-address} (default {@code 127.0.0.1:0}); {@code null} omits
         * the flag.
         */
        public Builder invokeAddress(String hostPort) {
            invokeAddress = hostPort;
            return this;
        }

        /** Value of {@code --runtime-api-address} (default {@code 127.0.0.1:0}); {@code null} omits the flag. */
        public Builder runtimeApiAddress(String hostPort) {
            runtimeApiAddress = hostPort;
            return this;
        }

        /**
         * Removes Lambda configuration variables a developer or CI machine may have set
         * ({@code AWS_LAMBDA_*}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, {@code _HANDLER},
         * {@code LOG_LEVEL}, {@code RAPID_*}) so that defaults are tested. Call before {@link #env}.
         */
        public Builder cleanLambdaEnv() {
            for (String k : System.getenv().keySet()) {
                if (k.startsWith("AWS_LAMBDA_") || k.startsWith("RAPID_") || k.equals("AWS_REGION")
                        || k.equals("AWS_DEFAULT_REGION") || k.equals("_HANDLER") || k.equals("LOG_LEVEL")
                        || k.equals("AWS_EXECUTION_ENV")) {
                    unsetEnv(k);
                }
            }
            return this;
        }

        /** Leaves the daemon's stdout unread (its pipe fills up) until {@link Daemon#readStdout()}. */
        public Builder stdoutUnread() {
            stdoutUnread = true;
            return this;
        }

        /** Stops reading the daemon's stderr after its ports line until {@link Daemon#readStderr()}. */
        public Builder stderrUnreadAfterPorts() {
            stderrUnreadAfterPorts = true;
            return this;
        }

        /** Starts the daemon and waits (up to 30 s) for its ports line on stderr. */
        public Daemon start() {
            Daemon d = launch();
            try {
                d.awaitPorts(START_DEADLINE);
            } catch (Throwable t) {
                d.close();
                throw t;
            }
            return d;
        }

        /** Starts the daemon without waiting for its ports line (for daemons that must refuse to start). */
        public Daemon startExpectingExit() {
            return launch();
        }

        private Daemon launch() {
            String home = System.getProperty("rapid.home");
            if (home == null || home.isBlank()) {
                throw new IllegalStateException("system property rapid.home is not set (surefire sets it to the repo root)");
            }
            List<String> cmd = new ArrayList<>(pid1 ? Pid1.UNSHARE : List.of());
            if (containerRoot != null) {
                cmd.addAll(List.of("--root=" + containerRoot, "--wd=/var/task"));
            }
            cmd.addAll(prefix);
            if (bareJar) {
                cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        Path.of(home, "rapid", "target", "rapid.jar").toAbsolutePath().normalize().toString()));
            } else {
                cmd.add(containerRoot != null ? "/usr/local/bin/aws-lambda-rie" : launcher(home).toString());
            }
            if (invokeAddress != null) {
                cmd.add("--runtime-interface-emulator-address");
                cmd.add(invokeAddress);
            }
            if (runtimeApiAddress != null) {
                cmd.add("--runtime-api-address");
                cmd.add(runtimeApiAddress);
            }
            cmd.addAll(flags);
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            removedEnv.forEach(pb.environment()::remove);
            // Tests never launch what a machine has in /opt/extensions: without a directory of their own they
            // get one that does not exist, i.e. no extensions.
            boolean ownDir = env.containsKey("RAPID_EXTENSIONS_DIR")
                    || flags.stream().anyMatch(f -> f.equals("--extensions-dir") || f.startsWith("--extensions-dir="));
            if (!ownDir) {
                pb.environment().put("RAPID_EXTENSIONS_DIR", NO_EXTENSIONS.toString());
            }
            pb.environment().putAll(env);
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + cmd, e);
            }
            Daemon d = new Daemon(p, pid1, List.copyOf(cmd));
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // nothing to write anyway
            }
            if (stdoutUnread) {
                d.out.held = true;
            }
            if (stderrUnreadAfterPorts) {
                d.err.holdAfter(line -> PORTS_LINE.matcher(line).find());
            }
            d.out.pump(p.getInputStream(), p.pid());
            d.err.pump(p.getErrorStream(), p.pid());
            return d;
        }
    }

    /** {@code rapid.launcher} when set, else {@code <rapid.home>/bin/rapid}. */
    public static Path launcher(String home) {
        String launcher = System.getProperty("rapid.launcher", "");
        return (launcher.isBlank() ? Path.of(home).resolve("bin").resolve("rapid") : Path.of(launcher))
                .toAbsolutePath().normalize();
    }

    /** The daemon's process: with {@link Builder#pid1()}, unshare's child, once it has forked it. */
    private ProcessHandle target() {
        ProcessHandle d = daemon;
        if (d != null) {
            return d;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            java.util.Optional<ProcessHandle> child = process.toHandle().children().findFirst();
            if (child.isPresent()) {
                daemon = child.get();
                return daemon;
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                return process.toHandle();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return process.toHandle();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    public int invokePort() {
        requirePorts();
        return invokePort;
    }

    public int runtimeApiPort() {
        requirePorts();
        return runtimeApiPort;
    }

    /** {@code 127.0.0.1:<runtime api port>}, i.e. what the runtime gets as {@code AWS_LAMBDA_RUNTIME_API}. */
    public String runtimeApi() {
        requirePorts();
        return runtimeApiHost + ":" + runtimeApiPort;
    }

    /** {@code http://127.0.0.1:<port>/2018-06-01} — base URI of the Runtime API. */
    public URI runtimeApiUri(String pathAndQuery) {
        return URI.create("http://" + runtimeApi() + pathAndQuery);
    }

    /** A request to the Runtime API's server (also the Extensions API's), 15 s timeout, body as UTF-8 text. */
    public HttpResponse<String> runtimeApiRequest(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(runtimeApiUri(path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e + "\n" + describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code http://<control address>} + path; the daemon must have been started with {@code --control-address}. */
    public URI controlUri(String path) {
        requirePorts();
        if (controlPort < 0) {
            throw new IllegalStateException("no control address in the ports line: started without --control-address?");
        }
        return URI.create("http://" + controlHost + ":" + controlPort + path);
    }

    /** {@code http://<metrics address>} + path; the daemon must have been started with {@code --metrics-address}. */
    public URI metricsUri(String path) {
        requirePorts();
        if (metricsPort < 0) {
            throw new IllegalStateException("no metrics address in the ports line: started without --metrics-address?");
        }
        return URI.create("http://" + metricsHost + ":" + metricsPort + path);
    }

    /** The function URL's port; the daemon must have been started with {@code --function-url-address}. */
    public int functionUrlPort() {
        functionUrl("/");
        return functionUrlPort;
    }

    /**
     * {@code http://127.0.0.1:<function URL port>} + path; the daemon must have been started with
     * {@code --function-url-address}.
     */
    public URI functionUrl(String pathAndQuery) {
        requirePorts();
        if (functionUrlPort < 0) {
            throw new IllegalStateException("no function-url in the ports line: started without --function-url-address?");
        }
        return URI.create("http://127.0.0.1:" + functionUrlPort + pathAndQuery);
    }

    /** A request to the control API (60 s timeout), body as UTF-8 text (null: none). */
    public HttpRequest controlRequest(String method, String path, String body) {
        return HttpRequest.newBuilder(controlUri(path)).timeout(INVOKE_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** Sends {@link #controlRequest} and waits for the answer. */
    public HttpResponse<String> control(String method, String path, String body) {
        return send(controlRequest(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public URI invokeUri() {
        requirePorts();
        return URI.create("http://" + invokeHost + ":" + invokePort + INVOKE_PATH);
    }

    /** {@code http://127.0.0.1:<invoke port>} + path, for requests to other paths of the invoke front-end. */
    public URI invokeBase(String path) {
        requirePorts();
        return URI.create("http://" + invokeHost + ":" + invokePort + path);
    }

    public long pid() {
        return target().pid();
    }

    public ProcessHandle process() {
        return target();
    }

    /** The command line the daemon was started with. */
    public List<String> commandLine() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void requirePorts() {
        if (invokePort < 0 || runtimeApiPort < 0) {
            throw new IllegalStateException("ports not known: daemon started with startExpectingExit()?");
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    /** Snapshot of the daemon's stdout lines so far. */
    public List<String> stdout() {
        return out.snapshot();
    }

    /** Snapshot of the daemon's stderr lines so far. */
    public List<String> stderr() {
        return err.snapshot();
    }

    /** Starts (again) reading stdout held by {@link Builder#stdoutUnread()}. */
    public void readStdout() {
        out.release();
    }

    /** Starts (again) reading stderr held by {@link Builder#stderrUnreadAfterPorts()}. */
    public void readStderr() {
        err.release();
    }

    /** First stdout line (already seen or future) matching {@code match}; fails after {@code timeout}. */
    public String awaitStdout(Predicate<String> match, Duration timeout) {
        return awaitCount(out, match, 1, timeout).getFirst();
    }

    /** First stderr line (already seen or future) matching {@code match}; fails after {@code timeout}. */
    public String awaitStderr(Predicate<String> match, Duration timeout) {
        return awaitCount(err, match, 1, timeout).getFirst();
    }

    /** Waits until at least {@code count} stdout lines match; returns the matching lines (all of them). */
    public List<String> awaitStdoutCount(Predicate<String> match, int count, Duration timeout) {
        return awaitCount(out, match, count, timeout);
    }

    /** Waits until at least {@code count} stderr lines match; returns the matching lines (all of them). */
    public List<String> awaitStderrCount(Predicate<String> match, int count, Duration timeout) {
        return awaitCount(err, match, count, timeout);
    }

    private List<String> awaitCount(Output o, Predicate<String> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (o) {
            while (true) {
                List<String> hits = o.lines.stream().filter(match).toList();
                if (hits.size() >= count) {
                    return hits;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + count
                            + " matching line(s) on " + o.name + " (found " + hits.size() + ")\n" + describe());
                }
                if (o.closed && !process.isAlive()) {
                    throw new AssertionError("daemon exited (code " + process.exitValue() + ") while waiting for "
                            + count + " matching line(s) on " + o.name + " (found " + hits.size() + ")\n" + describe());
                }
                try {
                    o.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for output", e);
                }
            }
        }
    }

    /**
     * The command line, exit state and the output so far (the last {@value #DESCRIBE_LINES} lines of each stream,
     * long lines cut), for failure messages.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("daemon ").append(command).append(" pid ").append(target().pid());
        if (process.isAlive()) {
            sb.append(" (alive)");
        } else {
            sb.append(" (exited ").append(process.exitValue()).append(')');
        }
        appendTail(sb, "stdout", out.snapshot());
        appendTail(sb, "stderr", err.snapshot());
        return sb.toString();
    }

    private static final int DESCRIBE_LINES = 150;
    private static final int DESCRIBE_LINE_CHARS = 500;

    private static void appendTail(StringBuilder sb, String name, List<String> lines) {
        sb.append("\n--- ").append(name);
        int from = Math.max(0, lines.size() - DESCRIBE_LINES);
        if (from > 0) {
            sb.append(" (last ").append(DESCRIBE_LINES).append(" of ").append(lines.size()).append(" lines)");
        }
        sb.append(" ---\n");
        for (String l : lines.subList(from, lines.size())) {
            sb.append(l.length() > DESCRIBE_LINE_CHARS
                    ? l.substring(0, DESCRIBE_LINE_CHARS) + "...<" + l.length() + " chars>" : l).append('\n');
        }
    }

    private void awaitPorts(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (err) {
            while (true) {
                for (String line : err.lines) {
                    Matcher m = PORTS_LINE.matcher(line);
                    if (m.find()) {
                        invokeHost = m.group(1);
                        invokePort = Integer.parseInt(m.group(2));
                        runtimeApiHost = m.group(3);
                        runtimeApiPort = Integer.parseInt(m.group(4));
                        Matcher control = CONTROL.matcher(line);
                        if (control.find()) {
                            controlHost = control.group(1);
                            controlPort = Integer.parseInt(control.group(2));
                        }
                        Matcher url = FUNCTION_URL.matcher(line);
                        if (url.find()) {
                            functionUrlPort = Integer.parseInt(url.group(2));
                        }
                        Matcher metrics = METRICS.matcher(line);
                        if (metrics.find()) {
                            metricsHost = metrics.group(1);
                            metricsPort = Integer.parseInt(metrics.group(2));
                        }
                        return;
                    }
                }
                if (!process.isAlive() && err.closed) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("daemon did not print its ports line within " + timeout + "\n" + describe());
                }
                try {
                    err.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the ports line", e);
                }
            }
        }
        out.awaitClosed(Duration.ofSeconds(2));
        throw new AssertionError("daemon exited before printing its ports line\n" + describe());
    }

    // ------------------------------------------------------------------------------------------------ invoke

    public HttpResponse<String> invoke(String body) {
        return invoke(body, Map.of());
    }

    public HttpResponse<String> invoke(String body, Map<String, String> headers) {
        return send(invokeRequest(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<byte[]> invokeBytes(byte[] body, Map<String, String> headers) {
        return send(invokeRequest(HttpRequest.BodyPublishers.ofByteArray(body), headers),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST to {@link #invokeUri()} with the given headers (60 s request timeout), for custom sends. */
    public HttpRequest invokeRequest(HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(invokeUri())
                .timeout(INVOKE_TIMEOUT)
                .POST(body);
        headers.forEach(b::header);
        return b.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e + "\n" + describe(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during invoke (test timeout?)\n" + describe(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Waits for the daemon to exit and returns its exit code (output pumps are drained first). */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("daemon did not exit within " + timeout + "\n" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the daemon to exit", e);
        }
        out.awaitClosed(Duration.ofSeconds(2));
        err.awaitClosed(Duration.ofSeconds(2));
        return process.exitValue();
    }

    /** Sends signal {@code name} (e.g. {@code TERM}, {@code INT}) to the daemon's pid only. */
    public void signal(String name) {
        rememberDescendants();
        long pid = target().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String msg = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -s " + name + " " + pid + " failed: " + msg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Records the daemon's current descendants so that {@link #close()} can clean them up even if orphaned. */
    public void rememberDescendants() {
        if (process.isAlive()) {
            List<ProcessHandle> now = process.toHandle().descendants().toList();
            synchronized (seenDescendants) {
                seenDescendants.addAll(now);
            }
        }
    }

    @Override
    public void close() {
        out.release();
        err.release();
        rememberDescendants();
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-s", "TERM", Long.toString(target().pid()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall through to destroyForcibly
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        killRemembered();
        LIVE.remove(this);
    }

    private void killRemembered() {
        List<ProcessHandle> left;
        synchronized (seenDescendants) {
            left = new ArrayList<>(seenDescendants);
        }
        for (ProcessHandle h : left) {
            // a ProcessHandle is bound to the process's start time, so a recycled pid is never hit
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ pumps

    private static final class Output {
        final String name;
        final List<String> lines = new ArrayList<>();
        boolean closed;
        /** While set, the pump reads no further (the daemon's pipe fills up). */
        boolean held;
        private Predicate<String> holdAfter;

        Output(String name) {
            this.name = name;
        }

        void pump(InputStream in, long pid) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    awaitReleased();
                    while ((line = r.readLine()) != null) {
                        synchronized (this) {
                            lines.add(line);
                            if (holdAfter != null && holdAfter.test(line)) {
                                held = true;
                                holdAfter = null;
                            }
                            notifyAll();
                        }
                        awaitReleased();
                    }
                } catch (IOException e) {
                    // stream closed
                } finally {
                    synchronized (this) {
                        closed = true;
                        notifyAll();
                    }
                }
            }, "rapid-" + pid + "-" + name);
            t.setDaemon(true);
            t.start();
        }

        synchronized void holdAfter(Predicate<String> line) {
            holdAfter = line;
        }

        synchronized void release() {
            held = false;
            holdAfter = null;
            notifyAll();
        }

        private synchronized void awaitReleased() throws IOException {
            while (held) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }

        void awaitClosed(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (!closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return; // a surviving child may hold the pipe open; the output so far is enough
                    }
                    try {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Reads a file the runtime wrote into the test's temp dir (UTF-8), or null if it does not exist yet. */
    public static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Daemon[pid=" + process.pid() + ", invoke=" + invokePort + ", runtime-api=" + runtimeApiPort + "]";
    }
}
