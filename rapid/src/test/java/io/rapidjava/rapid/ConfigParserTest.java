package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §0, §0.1 and §6.1: flags, environment and bootstrap resolution. */
class ConfigParserTest {

    private static final Path CWD = Path.of("/work/fn");

    private static Config parse(Map<String, String> env, String... args) throws ConfigException {
        return new ConfigParser(env, CWD).parse(args);
    }

    private static Config parse(String... args) throws ConfigException {
        return parse(Map.of(), args);
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static ConfigException fails(Map<String, String> env, String... args) {
        return assertThrows(ConfigException.class, () -> parse(env, args));
    }

    private static void assertMentions(ConfigException e, String what) {
        assertTrue(e.getMessage().contains(what), "message should name " + what + ": " + e.getMessage());
    }

    // --- defaults ---

    @Test
    void defaults() throws Exception {
        Config c = parse("/bin/true");
        assertEquals(new Config.HostPort("0.0.0.0", 8080), c.invokeAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9001), c.runtimeApiAddress());
        assertEquals(LogLevel.INFO, c.logLevel());
        assertEquals(Duration.ofSeconds(300), c.function().timeout());
        assertEquals(3008, c.function().memorySizeMb());
        assertEquals("test_function", c.function().name());
        assertEquals("$LATEST", c.function().version());
        assertEquals("us-east-1", c.function().region());
        assertEquals("012345678912", c.function().accountId());
        assertEquals("arn:aws:lambda:us-east-1:012345678912:function:test_function", c.function().arn());
        assertEquals("", c.function().handler());
        assertEquals("/aws/lambda/Functions", c.function().logGroupName());
        assertEquals("$LATEST", c.function().logStreamName());
        assertEquals(Duration.ofMillis(10000), c.initTimeout());
        assertEquals(128, c.maxQueuedInvokes());
        assertEquals(Limits.DEFAULT_STREAMED_RESPONSE_BYTES, c.streamedResponseLimit());
        assertEquals(200L * 1024 * 1024, c.streamedResponseLimit(), "Lambda's 200 MB");
        assertEquals(List.of("/bin/true"), c.bootstrap());
        assertEquals(CWD, c.workingDir());
        assertEquals(java.nio.file.Path.of("/opt/extensions"), c.extensionsDir());
        assertEquals(Duration.ofMillis(2000), c.shutdownTimeout());
        assertEquals(Duration.ofMillis(10000), c.bodyTimeout());
        assertEquals(16L * 1024 * 1024, c.maxQueuedBytes());
        assertEquals(Duration.ofMillis(60000), c.idleTimeout());
        assertEquals(512, c.maxInvokeConnections());
        assertEquals(null, c.controlAddress());
        assertEquals(Config.InitMode.EAGER, c.initMode());
        assertEquals(LoggingConfig.TEXT, c.logging());
        assertEquals(Path.of("/var/task"), c.taskRoot());
        assertEquals(null, c.functionUrlAddress());
        assertEquals(false, c.watch());
    }

    // --- local development: the Function URL, hot reload, the task root ---

    @Test
    void functionUrlAddressIsLoopbackUnlessAHostIsNamed() throws Exception {
        assertEquals(new Config.HostPort("127.0.0.1", 8081), parse("--function-url-address", "8081", "/bin/app")
                .functionUrlAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 0), parse("--function-url-address=:0", "/bin/app")
                .functionUrlAddress());
        assertEquals(new Config.HostPort("0.0.0.0", 8081), parse(env("RAPID_FUNCTION_URL_ADDRESS", "0.0.0.0:8081"),
                "/bin/app").functionUrlAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9), parse(env("RAPID_FUNCTION_URL_ADDRESS", "0.0.0.0:8081"),
                "--function-url-address", "9", "/bin/app").functionUrlAddress());
        assertMentions(fails(Map.of(), "--function-url-address", "x:y", "/bin/app"), "--function-url-address");
        assertMentions(fails(env("RAPID_FUNCTION_URL_ADDRESS", "99999"), "/bin/app"), "RAPID_FUNCTION_URL_ADDRESS");
    }

    @Test
    void watchIsASwitchWithAnEnvironmentTwin() throws Exception {
        Config c = parse("--watch", "/bin/app", "arg");
        assertTrue(c.watch());
        assertEquals(List.of("/bin/app", "arg"), c.bootstrap(), "--watch takes no value");
        assertTrue(parse(env("RAPID_WATCH", "true"), "/bin/app").watch());
        assertEquals(false, parse(env("RAPID_WATCH", "true"), "--watch=false", "/bin/app").watch());
        assertMentions(fails(env("RAPID_WATCH", "sometimes"), "/bin/app"), "RAPID_WATCH");
    }

    @Test
    void taskRootFromLambdasVariableOrTheFlagRelativeToTheWorkingDirectory() throws Exception {
        assertEquals(Path.of("/srv/fn"), parse(env("LAMBDA_TASK_ROOT", "/srv/fn"), "/bin/app").taskRoot());
        assertEquals(CWD.resolve("code"), parse(env("LAMBDA_TASK_ROOT", "/srv/fn"), "--task-root", "code",
                "/bin/app").taskRoot());
    }

    // --- control API ---

    @Test
    void controlAddressIsLoopbackUnlessAHostIsNamed() throws Exception {
        assertEquals(new Config.HostPort("127.0.0.1", 9002), parse("--control-address", "9002", "/bin/app")
                .controlAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9002), parse("--control-address=:9002", "/bin/app")
                .controlAddress());
        assertEquals(new Config.HostPort("0.0.0.0", 9002), parse("--control-address", "0.0.0.0:9002", "/bin/app")
                .controlAddress());
        assertEquals(new Config.HostPort("::1", 0), parse("--control-address", "[::1]:0", "/bin/app")
                .controlAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 7), parse(env("RAPID_CONTROL_ADDRESS", "7"), "/bin/app")
                .controlAddress());
        assertEquals(null, parse(env("RAPID_CONTROL_ADDRESS", ""), "/bin/app").controlAddress(),
                "set-but-empty is off");
        assertEquals(new Config.HostPort("127.0.0.1", 8), parse(env("RAPID_CONTROL_ADDRESS", "7"),
                "--control-address", "8", "/bin/app").controlAddress(), "the flag wins");
        assertEquals(List.of("/bin/app"), parse("/bin/app", "--control-address", "9").bootstrap());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "127.0.0.1:", "127.0.0.1:65536", ":-1", "host:port"})
    void badControlAddressIsRejected(String value) {
        assertMentions(fails(Map.of(), "--control-address", value, "/bin/app"), "--control-address");
        assertMentions(fails(env("RAPID_CONTROL_ADDRESS", value), "/bin/app"), "RAPID_CONTROL_ADDRESS");
    }

    @Test
    void initModeAndItsEnvironmentTwin() throws Exception {
        assertEquals(Config.InitMode.DEFERRED, parse("--init-mode", "deferred", "--control-address", "0", "/bin/app")
                .initMode());
        assertEquals(Config.InitMode.DEFERRED, parse(env("RAPID_INIT_MODE", "Deferred", "RAPID_CONTROL_ADDRESS", "0"),
                "/bin/app").initMode());
        assertEquals(Config.InitMode.EAGER, parse(env("RAPID_INIT_MODE", "deferred"), "--init-mode=eager",
                "/bin/app").initMode(), "the flag wins");
        assertEquals(Config.InitMode.EAGER, parse(env("RAPID_INIT_MODE", ""), "/bin/app").initMode());
        assertMentions(fails(Map.of(), "--init-mode", "lazy", "/bin/app"), "--init-mode");
        assertMentions(fails(env("RAPID_INIT_MODE", "later"), "/bin/app"), "RAPID_INIT_MODE");
        assertMentions(fails(Map.of(), "/bin/app", "--init-mode"), "--init-mode");
    }

    @Test
    void deferredInitNeedsTheControlApi() {
        ConfigException e = fails(Map.of(), "--init-mode", "deferred", "/bin/app");
        assertMentions(e, "--control-address");
    }

    @Test
    void edgeLimitFlagsAndTheirEnvironmentTwins() throws Exception {
        Config fromFlags = parse("--body-timeout-ms", "250", "--max-queued-bytes=1000", "--idle-timeout-ms", "3000",
                "--max-invoke-connections", "7", "/bin/app");
        assertEquals(Duration.ofMillis(250), fromFlags.bodyTimeout());
        assertEquals(1000, fromFlags.maxQueuedBytes());
        assertEquals(Duration.ofMillis(3000), fromFlags.idleTimeout());
        assertEquals(7, fromFlags.maxInvokeConnections());

        Config fromEnv = parse(env("RAPID_BODY_TIMEOUT_MS", "1", "RAPID_MAX_QUEUED_BYTES", "0",
                "RAPID_IDLE_TIMEOUT_MS", "2", "RAPID_MAX_INVOKE_CONNECTIONS", "3"), "/bin/app");
        assertEquals(Duration.ofMillis(1), fromEnv.bodyTimeout());
        assertEquals(0, fromEnv.maxQueuedBytes());
        assertEquals(Duration.ofMillis(2), fromEnv.idleTimeout());
        assertEquals(3, fromEnv.maxInvokeConnections());

        assertMentions(fails(Map.of(), "--body-timeout-ms", "0", "/bin/app"), "--body-timeout-ms");
        assertMentions(fails(Map.of(), "--max-invoke-connections", "0", "/bin/app"), "--max-invoke-connections");
        assertMentions(fails(env("RAPID_IDLE_TIMEOUT_MS", "soon"), "/bin/app"), "RAPID_IDLE_TIMEOUT_MS");
    }

    @Test
    void extensionFlagsAndTheirEnvironmentTwins() throws Exception {
        Config fromFlags = parse("--extensions-dir", "exts", "--disable-extensions", "--shutdown-timeout-ms", "500",
                "/bin/app");
        assertEquals(CWD.resolve("exts"), fromFlags.extensionsDir());
        assertEquals(false, fromFlags.extensionsEnabled());
        assertEquals(Duration.ofMillis(500), fromFlags.shutdownTimeout());
        assertEquals(List.of("/bin/app"), fromFlags.bootstrap());

        Config fromEnv = parse(env("RAPID_EXTENSIONS_DIR", "/x/ext", "RAPID_DISABLE_EXTENSIONS", "true",
                "RAPID_SHUTDOWN_TIMEOUT_MS", "0"), "/bin/app");
        assertEquals(java.nio.file.Path.of("/x/ext"), fromEnv.extensionsDir());
        assertEquals(false, fromEnv.extensionsEnabled());
        assertEquals(Duration.ZERO, fromEnv.shutdownTimeout());

        Config flagWins = parse(env("RAPID_DISABLE_EXTENSIONS", "true", "RAPID_EXTENSIONS_DIR", "/x/ext"),
                "--disable-extensions=false", "--extensions-dir=/y/ext", "/bin/app");
        assertEquals(java.nio.file.Path.of("/y/ext"), flagWins.extensionsDir());
        assertEquals(!java.nio.file.Files.exists(java.nio.file.Path.of("/opt/disable-extensions-jwigqn8j")),
                flagWins.extensionsEnabled());
    }

    @Test
    void badExtensionSettingsAreRejected() {
        assertMentions(fails(env("RAPID_DISABLE_EXTENSIONS", "maybe"), "/bin/app"), "RAPID_DISABLE_EXTENSIONS");
        assertMentions(fails(Map.of(), "--shutdown-timeout-ms", "-5", "/bin/app"), "--shutdown-timeout-ms");
        assertMentions(fails(Map.of(), "/bin/app", "--extensions-dir"), "--extensions-dir");
    }

    @Test
    void exitOnInitFailureIsOffUnlessAskedForByFlagOrEnvironment() throws Exception {
        assertEquals(false, parse("/bin/app").exitOnInitFailure());
        assertEquals(true, parse("--exit-on-init-failure", "/bin/app").exitOnInitFailure());
        assertEquals(true, parse(env("RAPID_EXIT_ON_INIT_FAILURE", "true"), "/bin/app").exitOnInitFailure());
        assertEquals(false, parse(env("RAPID_EXIT_ON_INIT_FAILURE", "true"), "--exit-on-init-failure=false",
                "/bin/app").exitOnInitFailure());
        assertMentions(fails(env("RAPID_EXIT_ON_INIT_FAILURE", "sometimes"), "/bin/app"), "RAPID_EXIT_ON_INIT_FAILURE");
    }

    @Test
    void hostPortToString() {
        assertEquals("127.0.0.1:9001", new Config.HostPort("127.0.0.1", 9001).toString());
    }

    @Test
    void environmentIsKept() throws Exception {
        Map<String, String> env = env("FOO", "bar", "AWS_REGION", "eu-west-1");
        assertEquals(env, parse(env, "/bin/true").environment());
    }

    // --- function settings from the environment ---

    @Test
    void functionSettingsFromEnvironment() throws Exception {
        Config c = parse(env(
                "AWS_LAMBDA_FUNCTION_TIMEOUT", "3",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128",
                "AWS_LAMBDA_FUNCTION_NAME", "my-fn",
                "AWS_LAMBDA_FUNCTION_VERSION", "7",
                "AWS_REGION", "eu-central-1",
                "AWS_ACCOUNT_ID", "123456789012",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/my-fn",
                "AWS_LAMBDA_LOG_STREAM_NAME", "stream"), "/bin/true");
        assertEquals(Duration.ofSeconds(3), c.function().timeout());
        assertEquals(128, c.function().memorySizeMb());
        assertEquals("my-fn", c.function().name());
        assertEquals("7", c.function().version());
        assertEquals("eu-central-1", c.function().region());
        assertEquals("123456789012", c.function().accountId());
        assertEquals("/aws/lambda/my-fn", c.function().logGroupName());
        assertEquals("stream", c.function().logStreamName());
        assertEquals("arn:aws:lambda:eu-central-1:123456789012:function:my-fn", c.function().arn());
    }

    @Test
    void setButEmptyEnvironmentCountsAsUnset() throws Exception {
        Config c = parse(env(
                "AWS_LAMBDA_FUNCTION_TIMEOUT", "",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "",
                "AWS_LAMBDA_FUNCTION_NAME", "",
                "AWS_LAMBDA_FUNCTION_VERSION", "",
                "AWS_REGION", "",
                "AWS_ACCOUNT_ID", "",
                "AWS_LAMBDA_FUNCTION_HANDLER", "",
                "_HANDLER", "",
                "LOG_LEVEL", ""), "/bin/true");
        assertEquals(Duration.ofSeconds(300), c.function().timeout());
        assertEquals(3008, c.function().memorySizeMb());
        assertEquals("test_function", c.function().name());
        assertEquals("$LATEST", c.function().version());
        assertEquals("us-east-1", c.function().region());
        assertEquals("012345678912", c.function().accountId());
        assertEquals("", c.function().handler());
        assertEquals(LogLevel.INFO, c.logLevel());
    }

    // --- flags ---

    @Test
    void flagsBeforeTheBootstrap() throws Exception {
        Config c = parse("--runtime-interface-emulator-address", "127.0.0.1:8000",
                "--runtime-api-address", "127.0.0.1:9999", "--log-level", "debug", "/bin/app");
        assertEquals(new Config.HostPort("127.0.0.1", 8000), c.invokeAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9999), c.runtimeApiAddress());
        assertEquals(LogLevel.DEBUG, c.logLevel());
        assertEquals(List.of("/bin/app"), c.bootstrap());
    }

    @Test
    void flagAfterTheBootstrapMovesTheListenerAndIsNotPartOfTheCommand() throws Exception {
        Config c = parse("./bootstrap", "--runtime-interface-emulator-address", "0.0.0.0:8081");
        assertEquals(new Config.HostPort("0.0.0.0", 8081), c.invokeAddress());
        assertEquals(List.of("./bootstrap"), c.bootstrap());
        assertEquals("", c.function().handler());
    }

    @Test
    void flagsBetweenBootstrapArguments() throws Exception {
        Config c = parse("/usr/bin/python", "--log-level", "warn", "-m", "awslambdaric", "app.handler");
        assertEquals(LogLevel.WARN, c.logLevel());
        assertEquals(List.of("/usr/bin/python", "-m", "awslambdaric", "app.handler"), c.bootstrap());
        assertEquals("app.handler", c.function().handler());
    }

    @Test
    void equalsForm() throws Exception {
        Config c = parse("--runtime-interface-emulator-address=0.0.0.0:8081", "--runtime-api-address=127.0.0.1:9002",
                "--log-level=error", "/bin/app");
        assertEquals(new Config.HostPort("0.0.0.0", 8081), c.invokeAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9002), c.runtimeApiAddress());
        assertEquals(LogLevel.ERROR, c.logLevel());
        assertEquals(List.of("/bin/app"), c.bootstrap());
    }

    @Test
    void doubleDashEndsFlagParsing() throws Exception {
        Config c = parse("--log-level", "debug", "--", "/bin/app", "--log-level", "error",
                "--runtime-api-address", "x");
        assertEquals(LogLevel.DEBUG, c.logLevel());
        assertEquals(new Config.HostPort("127.0.0.1", 9001), c.runtimeApiAddress());
        assertEquals(List.of("/bin/app", "--log-level", "error", "--runtime-api-address", "x"), c.bootstrap());
    }

    @Test
    void doubleDashAfterTheBootstrapIsDropped() throws Exception {
        Config c = parse("/bin/app", "--", "--log-level");
        assertEquals(List.of("/bin/app", "--log-level"), c.bootstrap());
        assertEquals(LogLevel.INFO, c.logLevel());
    }

    @Test
    void unknownFlagsStayPositional() throws Exception {
        Config c = parse("/usr/bin/python", "-m", "awslambdaric", "app.handler");
        assertEquals(List.of("/usr/bin/python", "-m", "awslambdaric", "app.handler"), c.bootstrap());
        assertEquals("app.handler", c.function().handler());
    }

    @Test
    void unknownLongFlagsStayPositionalVerbatim() throws Exception {
        Config c = parse("/bin/app", "--verbose", "--mode=fast", "--runtime-api-addressx", "1");
        assertEquals(List.of("/bin/app", "--verbose", "--mode=fast", "--runtime-api-addressx", "1"), c.bootstrap());
        assertEquals(new Config.HostPort("127.0.0.1", 9001), c.runtimeApiAddress());
    }

    @Test
    void enableInitCachingIsAcceptedAndNotPositional() throws Exception {
        Config c = parse("--enable-init-caching", "/bin/app");
        assertEquals(List.of("/bin/app"), c.bootstrap());
    }

    @Test
    void flagMissingItsValueIsRejected() {
        assertMentions(fails(Map.of(), "/bin/app", "--runtime-api-address"), "--runtime-api-address");
        assertMentions(fails(Map.of(), "--log-level"), "--log-level");
    }

    @Test
    void rapidSpecificFlagsAndTheirEnvironmentTwins() throws Exception {
        Config fromFlags = parse("--init-timeout-ms", "500", "--max-queued-invokes", "0",
                "--streamed-response-limit", "1024", "/bin/app");
        assertEquals(Duration.ofMillis(500), fromFlags.initTimeout());
        assertEquals(0, fromFlags.maxQueuedInvokes());
        assertEquals(1024, fromFlags.streamedResponseLimit());

        Config fromEnv = parse(env("RAPID_INIT_TIMEOUT_MS", "750", "RAPID_MAX_QUEUED_INVOKES", "5",
                "RAPID_STREAMED_RESPONSE_LIMIT", "2048", "RAPID_INVOKE_ADDRESS", "127.0.0.1:1",
                "RAPID_RUNTIME_API_ADDRESS", "127.0.0.1:2"), "/bin/app");
        assertEquals(Duration.ofMillis(750), fromEnv.initTimeout());
        assertEquals(5, fromEnv.maxQueuedInvokes());
        assertEquals(2048, fromEnv.streamedResponseLimit());
        assertEquals(new Config.HostPort("127.0.0.1", 1), fromEnv.invokeAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 2), fromEnv.runtimeApiAddress());

        Config flagWins = parse(env("RAPID_INIT_TIMEOUT_MS", "750", "RAPID_RUNTIME_API_ADDRESS", "127.0.0.1:2"),
                "--init-timeout-ms=900", "--runtime-api-address=127.0.0.1:3", "/bin/app");
        assertEquals(Duration.ofMillis(900), flagWins.initTimeout());
        assertEquals(new Config.HostPort("127.0.0.1", 3), flagWins.runtimeApiAddress());
    }

    // --- handler ---

    @Test
    void handlerFromFunctionHandlerVariableWins() throws Exception {
        Config c = parse(env("AWS_LAMBDA_FUNCTION_HANDLER", "a.h", "_HANDLER", "b.h"), "/bin/app", "c.h");
        assertEquals("a.h", c.function().handler());
    }

    @Test
    void handlerFromUnderscoreHandlerBeatsPositional() throws Exception {
        Config c = parse(env("_HANDLER", "b.h"), "/bin/app", "c.h");
        assertEquals("b.h", c.function().handler());
    }

    @Test
    void emptyFunctionHandlerFallsThroughToUnderscoreHandler() throws Exception {
        Config c = parse(env("AWS_LAMBDA_FUNCTION_HANDLER", "", "_HANDLER", "b.h"), "/bin/app", "c.h");
        assertEquals("b.h", c.function().handler());
    }

    @Test
    void handlerFromLastPositionalOnlyWithTwoOrMore() throws Exception {
        assertEquals("c.h", parse("/bin/app", "c.h").function().handler());
        assertEquals("z", parse("/bin/app", "x", "y", "z").function().handler());
        assertEquals("", parse("/bin/app").function().handler());
        assertEquals("", parse().function().handler());
    }

    @Test
    void handlerFromEnvironmentWithSingleArg() throws Exception {
        assertEquals("b.h", parse(env("_HANDLER", "b.h"), "/bin/app").function().handler());
        assertEquals("b.h", parse(env("_HANDLER", "b.h")).function().handler());
    }

    // --- bad values ---

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", " "})
    void badFunctionTimeoutIsRejected(String value) {
        assertMentions(fails(env("AWS_LAMBDA_FUNCTION_TIMEOUT", value), "/bin/app"), "AWS_LAMBDA_FUNCTION_TIMEOUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-128"})
    void badMemorySizeIsRejected(String value) {
        assertMentions(fails(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", value), "/bin/app"),
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    }

    // --- bounds: every number is bounded at startup (issue 9: overflowing values broke invokes and SIGTERM) ---

    @Test
    void lambdaBoundsOfFunctionTimeoutAndMemoryAreAccepted() throws Exception {
        Config low = parse(env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
                "/bin/app");
        assertEquals(Duration.ofSeconds(1), low.function().timeout());
        assertEquals(128, low.function().memorySizeMb());
        Config high = parse(env("AWS_LAMBDA_FUNCTION_TIMEOUT", "900", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "10240"),
                "/bin/app");
        assertEquals(Duration.ofSeconds(900), high.function().timeout());
        assertEquals(10240, high.function().memorySizeMb());
    }

    @ParameterizedTest
    @ValueSource(strings = {"901", "9223372036854775", "9223372036854775807", "9223372036854775808"})
    void functionTimeoutOverLambdasMaximumIsRejected(String value) {
        ConfigException e = fails(env("AWS_LAMBDA_FUNCTION_TIMEOUT", value), "/bin/app");
        assertMentions(e, "AWS_LAMBDA_FUNCTION_TIMEOUT");
        assertMentions(e, "between 1 and 900");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127", "10241", "64"})
    void memorySizeOutsideLambdasRangeIsRejected(String value) {
        assertMentions(fails(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", value), "/bin/app"), "between 128 and 10240");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--init-timeout-ms=900000", "--shutdown-timeout-ms=900000", "--body-timeout-ms=900000",
        "--idle-timeout-ms=3600000", "--max-queued-invokes=100000", "--streamed-response-limit=209715200",
        "--max-queued-bytes=1073741824", "--max-invoke-connections=65536"})
    void ourMaximaAreAccepted(String flag) throws Exception {
        parse(flag, "/bin/app");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--init-timeout-ms=900001", "--shutdown-timeout-ms=900001", "--body-timeout-ms=900001",
        "--idle-timeout-ms=3600001", "--max-queued-invokes=100001", "--streamed-response-limit=209715201",
        "--max-queued-bytes=1073741825", "--max-invoke-connections=65537"})
    void overOurMaximaIsRejected(String flag) {
        assertMentions(fails(Map.of(), flag, "/bin/app"), flag.substring(0, flag.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RAPID_SHUTDOWN_TIMEOUT_MS", "RAPID_INIT_TIMEOUT_MS", "RAPID_BODY_TIMEOUT_MS",
        "RAPID_IDLE_TIMEOUT_MS", "RAPID_MAX_QUEUED_INVOKES", "RAPID_STREAMED_RESPONSE_LIMIT", "RAPID_MAX_QUEUED_BYTES",
        "RAPID_MAX_INVOKE_CONNECTIONS"})
    void longOverflowInTheEnvironmentIsRejected(String variable) {
        for (String value : List.of("9223372036854775807", "9223372036854775808", "-9223372036854775809")) {
            ConfigException e = fails(env(variable, value), "/bin/app");
            assertMentions(e, variable);
            assertMentions(e, "must be between");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "4294967296", "4294967424", "99999999999"})
    void memorySizeBeyondIntRangeIsRejected(String value) {
        // Must not wrap around to 0, a negative or a small positive number of MB.
        assertMentions(fails(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", value), "/bin/app"),
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "4294967295"})
    void maxQueuedInvokesBeyondIntRangeIsRejected(String value) {
        assertMentions(fails(Map.of(), "--max-queued-invokes", value, "/bin/app"), "--max-queued-invokes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "host:99999", "host:x", "host:", "host:-1", "127.0.0.1:65536", ""})
    void badRuntimeApiAddressIsRejected(String value) {
        assertMentions(fails(Map.of(), "--runtime-api-address", value, "/bin/app"), "--runtime-api-address");
        assertMentions(fails(Map.of(), "--runtime-api-address=" + value, "/bin/app"), "--runtime-api-address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "host:99999", "host:x"})
    void badInvokeAddressIsRejected(String value) {
        assertMentions(fails(Map.of(), "/bin/app", "--runtime-interface-emulator-address", value),
                "--runtime-interface-emulator-address");
    }

    @Test
    void badLogLevelFlagIsRejected() {
        assertMentions(fails(Map.of(), "--log-level", "shout", "/bin/app"), "--log-level");
    }

    @Test
    void badLogLevelVariableIsRejected() {
        assertMentions(fails(env("LOG_LEVEL", "shout"), "/bin/app"), "LOG_LEVEL");
    }

    @Test
    void badNumericRapidFlagsAreRejected() {
        assertMentions(fails(Map.of(), "--init-timeout-ms", "0", "/bin/app"), "--init-timeout-ms");
        assertMentions(fails(Map.of(), "--max-queued-invokes", "-1", "/bin/app"), "--max-queued-invokes");
        assertMentions(fails(Map.of(), "--streamed-response-limit", "lots", "/bin/app"), "--streamed-response-limit");
    }

    // --- log level ---

    @Test
    void logLevelFromEnvironment() throws Exception {
        assertEquals(LogLevel.DEBUG, parse(env("LOG_LEVEL", "debug"), "/bin/app").logLevel());
        assertEquals(LogLevel.WARN, parse(env("LOG_LEVEL", "WARN"), "/bin/app").logLevel());
    }

    @Test
    void logLevelFlagWinsOverEnvironment() throws Exception {
        assertEquals(LogLevel.ERROR, parse(env("LOG_LEVEL", "debug"), "--log-level", "error", "/bin/app").logLevel());
        assertEquals(LogLevel.TRACE, parse(env("LOG_LEVEL", "shout"), "--log-level=trace", "/bin/app").logLevel());
    }

    @Test
    void logrusLevelNamesAreAccepted() throws Exception {
        assertEquals(LogLevel.WARN, parse("--log-level", "warning", "/bin/app").logLevel());
        assertEquals(LogLevel.ERROR, parse("--log-level", "fatal", "/bin/app").logLevel());
        assertEquals(LogLevel.ERROR, parse("--log-level", "panic", "/bin/app").logLevel());
    }

    // --- logging controls ---

    private static LoggingConfig json(String application, String system) {
        return new LoggingConfig(LoggingConfig.Format.JSON, application, system);
    }

    @Test
    void jsonFormatWithLambdasDefaultLevels() throws Exception {
        assertEquals(json("INFO", "INFO"), parse(env("AWS_LAMBDA_LOG_FORMAT", "JSON"), "/bin/app").logging());
        assertEquals(json("INFO", "INFO"), parse("--log-format", "json", "/bin/app").logging());
        assertEquals(LoggingConfig.TEXT, parse(env("AWS_LAMBDA_LOG_FORMAT", "text"), "/bin/app").logging());
        assertEquals(LoggingConfig.TEXT, parse(env("AWS_LAMBDA_LOG_FORMAT", ""), "/bin/app").logging(),
                "set-but-empty is unset");
    }

    @Test
    void levelsFromTheEnvironmentAndTheirFlags() throws Exception {
        assertEquals(json("ERROR", "WARN"), parse(env("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "error",
                "RAPID_SYSTEM_LOG_LEVEL", "WARN"), "/bin/app").logging());
        assertEquals(json("TRACE", "DEBUG"), parse("--log-format=JSON", "--application-log-level", "TRACE",
                "--system-log-level", "debug", "/bin/app").logging());
        assertEquals(json("FATAL", "INFO"), parse(env("AWS_LAMBDA_LOG_FORMAT", "Text", "AWS_LAMBDA_LOG_LEVEL", "DEBUG"),
                "--log-format", "JSON", "--application-log-level=FATAL", "/bin/app").logging(), "the flags win");
        assertEquals(List.of("/bin/app"), parse("/bin/app", "--log-format", "JSON").bootstrap());
    }

    @Test
    void levelsWithTheTextFormatAreIgnored() throws ConfigException {
        assertEquals(LoggingConfig.TEXT, parse(env("AWS_LAMBDA_LOG_LEVEL", "DEBUG"), "/bin/app").logging());
        assertEquals(LoggingConfig.TEXT, parse("--system-log-level", "WARN", "/bin/app").logging());
        assertEquals(LoggingConfig.TEXT,
                parse("--log-format", "Text", "--application-log-level", "nonsense", "/bin/app").logging());
    }

    @Test
    void badLoggingControlsAreRejected() {
        assertMentions(fails(env("AWS_LAMBDA_LOG_FORMAT", "yaml"), "/bin/app"), "AWS_LAMBDA_LOG_FORMAT");
        assertMentions(fails(Map.of(), "--log-format", "XML", "/bin/app"), "--log-format");
        assertMentions(fails(Map.of(), "--log-format", "JSON", "--application-log-level", "WARNING", "/bin/app"),
                "--application-log-level");
        assertMentions(fails(env("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "loud"), "/bin/app"),
                "AWS_LAMBDA_LOG_LEVEL");
        // the system log level has three values only
        assertMentions(fails(Map.of(), "--log-format", "JSON", "--system-log-level", "ERROR", "/bin/app"),
                "--system-log-level");
        assertMentions(fails(env("AWS_LAMBDA_LOG_FORMAT", "JSON", "RAPID_SYSTEM_LOG_LEVEL", "TRACE"), "/bin/app"),
                "RAPID_SYSTEM_LOG_LEVEL");
        assertMentions(fails(Map.of(), "/bin/app", "--log-format"), "--log-format");
    }

    @Test
    void anEmbeddedSandboxTakesItsLoggingControlsFromItsEnvironment() throws Exception {
        Config c = parse("/bin/app");
        var s = c.sandbox();
        var withJson = new io.rapidjava.interop.SandboxConfig(s.bootstrap(), s.workingDir(),
                env("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "WARN"), null, s.function(),
                s.runtimeVersion(), s.initTimeout(), s.shutdownTimeout());
        assertEquals(json("WARN", "INFO"), Config.embedded(withJson).logging());
        assertEquals(LoggingConfig.TEXT, Config.embedded(s).logging());
        var bad = new io.rapidjava.interop.SandboxConfig(s.bootstrap(), s.workingDir(),
                env("AWS_LAMBDA_LOG_FORMAT", "CSV"), null, s.function(), s.runtimeVersion(), s.initTimeout(),
                s.shutdownTimeout());
        assertThrows(IllegalArgumentException.class, () -> Config.embedded(bad));
    }

    // --- addresses ---

    @Test
    void portZeroIsAccepted() throws Exception {
        Config c = parse("--runtime-api-address", "127.0.0.1:0", "--runtime-interface-emulator-address", "0.0.0.0:0",
                "/bin/app");
        assertEquals(new Config.HostPort("127.0.0.1", 0), c.runtimeApiAddress());
        assertEquals(new Config.HostPort("0.0.0.0", 0), c.invokeAddress());
    }

    @Test
    void addressForms() throws Exception {
        assertEquals(new Config.HostPort("0.0.0.0", 9001), ConfigParser.address("--x", ":9001"));
        assertEquals(new Config.HostPort("::1", 9001), ConfigParser.address("--x", "[::1]:9001"));
        assertEquals(new Config.HostPort("localhost", 65535), ConfigParser.address("--x", "localhost:65535"));
    }

    // --- bootstrap resolution (spec §0.1) ---

    @Test
    void withArgumentsTheCommandIsVerbatimAndCwdIsKept() throws Exception {
        Config c = parse("relative/bootstrap", "a b", "");
        assertEquals(List.of("relative/bootstrap", "a b", ""), c.bootstrap());
        assertEquals(CWD, c.workingDir());
    }

    @Test
    void withoutArgumentsTheBootstrapIsTheFirstExistingCandidate() throws Exception {
        Config c = parse();
        String expected = "/var/task/bootstrap";
        for (String candidate : List.of("/var/task/bootstrap", "/opt/bootstrap", "/var/runtime/bootstrap")) {
            Path p = Path.of(candidate);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                expected = candidate;
                break;
            }
        }
        assertEquals(List.of(expected), c.bootstrap());
        assertEquals(Path.of("/var/task"), c.workingDir());
    }

    @Test
    void withoutArgumentsAndNoCandidateTheBootstrapIsVarTask() throws Exception {
        boolean anyExists = List.of("/var/task/bootstrap", "/opt/bootstrap", "/var/runtime/bootstrap").stream()
                .anyMatch(s -> Files.exists(Path.of(s)));
        org.junit.jupiter.api.Assumptions.assumeFalse(anyExists, "a bootstrap candidate exists on this machine");
        Config c = parse();
        assertEquals(List.of("/var/task/bootstrap"), c.bootstrap());
        assertEquals(Path.of("/var/task"), c.workingDir());
    }

    @Test
    void onlyFlagsMeansNoPositionalArguments() throws Exception {
        Config c = parse("--log-level", "debug");
        assertEquals(1, c.bootstrap().size());
        assertEquals(Path.of("/var/task"), c.workingDir());
    }

    @Test
    void snapStartIsOffByDefault() throws Exception {
        Config c = parse("/bin/app");
        assertNull(c.snapStart());
        assertEquals("on-demand", c.initializationType());
        assertNull(parse(env("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"), "/bin/app").snapStart());
    }

    @Test
    void snapStartFromTheFlagOrLambdasVariable() throws Exception {
        Config flag = parse("--snapstart", "/bin/app");
        assertEquals(new SnapStart(java.time.Duration.ofSeconds(10), 1), flag.snapStart());
        assertEquals("snap-start", flag.initializationType());
        assertEquals(new SnapStart(java.time.Duration.ofMillis(250), 3), parse(env(
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "RAPID_RESTORE_TIMEOUT_MS", "250",
                "RAPID_SNAPSTART_RESTORES", "3"), "/bin/app").snapStart());
        assertEquals(new SnapStart(java.time.Duration.ofMillis(500), 2), parse("--snapstart=true",
                "--restore-timeout-ms", "500", "--snapstart-restores=2", "/bin/app").snapStart());
        assertNull(parse(env("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), "--snapstart=false", "/bin/app")
                .snapStart(), "the flag wins");
    }

    @Test
    void badSnapStartSettingsAreRefused() {
        assertMentions(fails(env("AWS_LAMBDA_INITIALIZATION_TYPE", "snapstart"), "/bin/app"),
                "AWS_LAMBDA_INITIALIZATION_TYPE");
        assertMentions(fails(Map.of(), "--snapstart=maybe", "/bin/app"), "--snapstart");
        assertMentions(fails(Map.of(), "--snapstart", "--restore-timeout-ms", "0", "/bin/app"),
                "--restore-timeout-ms");
        assertMentions(fails(Map.of(), "--snapstart", "--snapstart-restores", "0", "/bin/app"),
                "--snapstart-restores");
        assertMentions(fails(env("RAPID_SNAPSTART_RESTORES", "x"), "/bin/app"), "RAPID_SNAPSTART_RESTORES");
    }
}
