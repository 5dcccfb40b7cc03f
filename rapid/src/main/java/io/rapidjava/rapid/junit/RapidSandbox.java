package io.rapidjava.rapid.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a sandbox in the test JVM for the annotated class: its runtime ({@link #bootstrap}) and external extensions
 * ({@link #extensions}), started before the class's tests (or before each, {@link #perTest}) and shut down after.
 * Tests take a {@link SandboxUnderTest} parameter to invoke it and to assert on its platform events, recorded from
 * the start. Relative paths resolve against the test JVM's working directory (the module's directory under Maven).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RapidSandboxExtension.class)
public @interface RapidSandbox {

    /** The runtime's command: an executable file and its arguments. */
    String[] bootstrap();

    /**
     * Executables run as external extensions. Each is linked, under its file name, into a fresh extensions
     * directory, so they start in name order as Lambda starts those of {@code /opt/extensions}.
     */
    String[] extensions() default {};

    /** {@code KEY=VALUE} entries added to the function's environment (over the test JVM's). */
    String[] environment() default {};

    /** A fresh sandbox for every test instead of one for the class. */
    boolean perTest() default false;

    /** The function's timeout in seconds ({@code AWS_LAMBDA_FUNCTION_TIMEOUT}); 0 for the daemon's default. */
    int timeoutSeconds() default 0;

    /** The init phase's limit ({@code RAPID_INIT_TIMEOUT_MS}); 0 for the daemon's default. */
    long initTimeoutMillis() default 0;

    /** The shutdown sequence's limit ({@code RAPID_SHUTDOWN_TIMEOUT_MS}); 0 for the daemon's default. */
    long shutdownTimeoutMillis() default 0;
}
