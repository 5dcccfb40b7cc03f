package io.rapidjava.tests.ric;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the daemon with AWS's Java runtime interface client (RIC 2.6.0, unmodified) as the runtime.
 *
 * <p>The bootstrap is a bash script that execs the test JVM's own {@code java} (JDK 25: the handlers are compiled
 * for release 25) with {@code -cp <test-classes>:<ric.lib>/*} and the RIC's main class
 * {@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}, whose only argument is the handler
 * ({@code <class>::handleRequest}). The handler is passed to the script as its last positional argument, so the
 * daemon also takes it as the handler ({@code _HANDLER}).
 */
final class RicRuntime {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** The RIC's JVM: small and quick to start on a loaded 2-core machine. */
    private static final String JVM_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m"
            + " -XX:-UsePerfData --enable-native-access=ALL-UNNAMED";

    /** Settings the tests expect at their defaults unless a test sets them. */
    private static final List<String> HERMETIC_UNSET = List.of("AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_TIMEOUT",
            "AWS_LAMBDA_FUNCTION_HANDLER", "_HANDLER", "AWS_LAMBDA_MAX_CONCURRENCY", "_LAMBDA_TELEMETRY_LOG_FD");

    private RicRuntime() {
    }

    static String handler(Class<?> handlerClass) {
        return handlerClass.getName() + "::handleRequest";
    }

    /** Writes the bootstrap script into {@code dir}. */
    static Path bootstrap(Path dir) {
        return bootstrap(dir, ricLib(), "");
    }

    /** ... its JVM also given {@code jvmOptions}. */
    static Path bootstrap(Path dir, String jvmOptions) {
        return bootstrap(dir, ricLib(), jvmOptions);
    }

    /** ... running the RIC whose jars are in {@code lib}. */
    static Path bootstrap(Path dir, Path lib) {
        return bootstrap(dir, lib, "");
    }

    private static Path bootstrap(Path dir, Path lib, String jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = testClasses() + ":" + lib + "/*";
        return Scripts.bash(dir, "ric-bootstrap", "exec '" + java + "' " + JVM_OPTS + " " + jvmOptions + " -cp '"
                + classpath + "' " + RIC_MAIN + " \"$1\"\n");
    }

    /**
     * Starts a daemon whose runtime is the RIC running {@code handlerClass}, with extra daemon environment
     * {@code env}, and performs one warm-up invoke (which starts the RIC's JVM) so that the tests measure a warm
     * runtime.
     */
    static Daemon start(Path dir, Class<?> handlerClass, Map<String, String> env, String warmUpBody) {
        Path script = bootstrap(dir);
        Daemon.Builder builder = Daemon.builder().command(script.toString(), handler(handlerClass)).workingDir(dir);
        // hermetic defaults whatever the test JVM's environment holds
        HERMETIC_UNSET.forEach(builder::unsetEnv);
        env.forEach(builder::env);
        Daemon daemon = builder.start();
        try {
            var response = daemon.invoke(warmUpBody);
            if (response.statusCode() != 200) {
                throw new AssertionError("warm-up invoke of " + handlerClass.getSimpleName() + " failed: "
                        + response.statusCode() + " " + response.headers().map() + " " + response.body() + "\n"
                        + daemon.describe());
            }
        } catch (Throwable t) {
            daemon.close();
            throw t;
        }
        return daemon;
    }

    /** Pids of the RIC JVMs currently running under {@code daemon}. */
    static List<Long> ricPids(Daemon daemon) {
        return daemon.process().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(RIC_MAIN)).orElse(false))
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    /** tests/target/test-classes: where this class (and the handlers) were loaded from. */
    private static Path testClasses() {
        try {
            return Path.of(RicRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** tests/target/ric-lib: the RIC and its com.amazonaws dependencies, copied there by the build. */
    private static Path ricLib() {
        return lib("ric.lib", "ric-lib");
    }

    /** tests/target/ric-concurrent-lib: the RIC that runs concurrent handler threads, and its dependencies. */
    static Path concurrentRicLib() {
        return lib("ric.concurrent.lib", "ric-concurrent-lib");
    }

    private static Path lib(String property, String name) {
        String lib = System.getProperty(property);
        Path dir = lib != null && !lib.isBlank()
                ? Path.of(lib)
                : Path.of(System.getProperty("rapid.home", "."), "tests", "target", name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("RIC class path " + dir + " missing: run the build up to"
                    + " generate-test-resources (system property " + property + ")");
        }
        return dir.toAbsolutePath().normalize();
    }
}
