package io.rapidjava.rapid.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.rapid.embed.EmbeddedSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxSpecTest {

    @TempDir
    Path base;

    @RapidSandbox(bootstrap = {"fn/bootstrap", "--flag", "handler.main"}, extensions = {"ext/b-ext", "ext/a-ext"},
            environment = {"MODE=test", "URL=http://x/?a=b"}, perTest = true, timeoutSeconds = 3,
            initTimeoutMillis = 1500, shutdownTimeoutMillis = 700)
    static final class Full {
    }

    @RapidSandbox(bootstrap = "fn/bootstrap")
    static final class Plain {
    }

    @RapidSandbox(bootstrap = "fn/missing")
    static final class MissingBootstrap {
    }

    @RapidSandbox(bootstrap = "fn/bootstrap", extensions = "ext/not-executable")
    static final class NotExecutable {
    }

    @RapidSandbox(bootstrap = "fn")
    static final class ADirectory {
    }

    @RapidSandbox(bootstrap = "fn/bootstrap", environment = "NO_EQUALS")
    static final class BadEnvironment {
    }

    @RapidSandbox(bootstrap = "fn/bootstrap", timeoutSeconds = -1)
    static final class NegativeTimeout {
    }

    @BeforeEach
    void files() throws IOException {
        executable("fn/bootstrap");
        executable("ext/a-ext");
        executable("ext/b-ext");
        Files.writeString(base.resolve("ext/not-executable"), "#!/bin/sh\n");
    }

    private void executable(String name) throws IOException {
        Path p = base.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SandboxSpec spec(Class<?> annotated) {
        return SandboxSpec.of(annotated.getAnnotation(RapidSandbox.class), base);
    }

    private String refusal(Class<?> annotated) {
        return assertThrows(IllegalArgumentException.class, () -> spec(annotated)).getMessage();
    }

    @Test
    void relativePathsResolveAgainstTheBaseAndArgumentsStayAsTheyAre() {
        SandboxSpec s = spec(Full.class);
        assertEquals(List.of(base.resolve("fn/bootstrap").toString(), "--flag", "handler.main"), s.bootstrap());
        assertEquals(List.of(base.resolve("ext/b-ext"), base.resolve("ext/a-ext")), s.extensions());
        assertEquals(Map.of("MODE", "test", "URL", "http://x/?a=b"), s.environment());
        assertTrue(s.perTest());
    }

    @Test
    void theDeclaredLimitsReplaceTheDefaults() {
        SandboxConfig c = spec(Full.class).config(base.resolve("exts"), Map.of(), "/jdk");
        assertEquals(Duration.ofSeconds(3), c.function().timeout());
        assertEquals(Duration.ofMillis(1500), c.initTimeout());
        assertEquals(Duration.ofMillis(700), c.shutdownTimeout());
        assertEquals(base.resolve("exts"), c.extensionsDir());
    }

    @Test
    void undeclaredLimitsAreTheEmbeddingDefaults() {
        SandboxSpec s = spec(Plain.class);
        SandboxConfig c = s.config(null, Map.of(), "/jdk");
        SandboxConfig d = EmbeddedSandbox.defaults(s.bootstrap());
        assertEquals(d.function(), c.function());
        assertEquals(d.initTimeout(), c.initTimeout());
        assertEquals(d.shutdownTimeout(), c.shutdownTimeout());
        assertEquals(d.workingDir(), c.workingDir());
        assertNull(c.extensionsDir());
        assertEquals(List.of(base.resolve("fn/bootstrap").toString()), c.bootstrap());
    }

    @Test
    void theDeclaredEnvironmentWinsOverTheHostsWhichKeepsItsJavaHome() {
        SandboxConfig c = spec(Full.class).config(null, Map.of("PATH", "/bin", "MODE", "prod", "JAVA_HOME", "/host"),
                "/jdk");
        assertEquals("/bin", c.environment().get("PATH"));
        assertEquals("test", c.environment().get("MODE"));
        assertEquals("/host", c.environment().get("JAVA_HOME"));
    }

    @Test
    void withoutAJavaHomeTheTestJvmsIsGiven() {
        assertEquals("/jdk", spec(Plain.class).config(null, Map.of(), "/jdk").environment().get("JAVA_HOME"));
    }

    @Test
    void aMissingExecutableIsNamedWithWhereItWasLookedFor() {
        assertEquals("@RapidSandbox(bootstrap): " + base.resolve("fn/missing") + " ('fn/missing' from " + base
                + ") does not exist", refusal(MissingBootstrap.class));
    }

    @Test
    void aFileThatIsNotExecutableIsRefused() {
        assertTrue(refusal(NotExecutable.class).endsWith("is not executable (chmod +x)"));
    }

    @Test
    void aDirectoryIsRefused() {
        assertTrue(refusal(ADirectory.class).endsWith("is a directory, not an executable"));
    }

    @Test
    void anEnvironmentEntryNeedsAnEqualsSign() {
        assertEquals("@RapidSandbox(environment): 'NO_EQUALS' is not KEY=VALUE", refusal(BadEnvironment.class));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertEquals("@RapidSandbox(timeoutSeconds): -1 is negative", refusal(NegativeTimeout.class));
    }
}
