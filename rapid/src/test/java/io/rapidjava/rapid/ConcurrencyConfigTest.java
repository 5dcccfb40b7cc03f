package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code AWS_LAMBDA_MAX_CONCURRENCY} and {@code --max-concurrency}: the concurrent mode and its worker count. */
class ConcurrencyConfigTest {

    private static final String NAMES = "AWS_LAMBDA_MAX_CONCURRENCY / --max-concurrency";

    private static Config parse(Map<String, String> env, String... args) throws ConfigException {
        return new ConfigParser(env, Path.of("/work")).parse(args);
    }

    @Test
    void offByDefault() throws Exception {
        Config c = parse(Map.of(), "/bin/app");
        assertEquals(0, c.maxConcurrency());
        assertFalse(c.concurrent());
        assertEquals("on-demand", c.initializationType());
    }

    @Test
    void theVariableOrTheFlagSelectsTheModeTheFlagWinning() throws Exception {
        Config fromEnv = parse(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "8"), "/bin/app");
        assertEquals(8, fromEnv.maxConcurrency());
        assertTrue(fromEnv.concurrent());
        assertEquals("lambda-managed-instances", fromEnv.initializationType());
        assertEquals(2, parse(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "8"), "--max-concurrency", "2", "/bin/app")
                .maxConcurrency());
        assertEquals(1, parse(Map.of(), "--max-concurrency=1", "/bin/app").maxConcurrency());
        assertEquals(1000, parse(Map.of(), "/bin/app", "--max-concurrency", "1000").maxConcurrency());
    }

    @Test
    void setButEmptyIsUnsetAsForEveryVariable() throws Exception {
        assertFalse(parse(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", ""), "/bin/app").concurrent());
    }

    @Test
    void badCountsAreConfigurationErrors() {
        for (String bad : new String[] {"0", "-1", "1001", "two", "1.5", ""}) {
            ConfigException flag = assertThrows(ConfigException.class,
                    () -> parse(Map.of(), "--max-concurrency=" + bad, "/bin/app"), bad);
            assertTrue(flag.getMessage().contains(NAMES) && flag.getMessage().contains("'" + bad + "'"),
                    flag.getMessage());
            if (!bad.isEmpty()) {
                ConfigException env = assertThrows(ConfigException.class,
                        () -> parse(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", bad), "/bin/app"), bad);
                assertTrue(env.getMessage().contains(NAMES), env.getMessage());
            }
        }
        assertTrue(assertThrows(ConfigException.class, () -> parse(Map.of(), "/bin/app", "--max-concurrency"))
                .getMessage().contains("--max-concurrency needs a value"));
    }

    @Test
    void snapStartDoesNotCombineWithIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "4"), "--snapstart", "/bin/app"));
        assertTrue(e.getMessage().contains("--max-concurrency") && e.getMessage().contains("--snapstart"),
                e.getMessage());
        assertThrows(ConfigException.class, () -> parse(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
                "--max-concurrency", "2", "/bin/app"));
    }
}
