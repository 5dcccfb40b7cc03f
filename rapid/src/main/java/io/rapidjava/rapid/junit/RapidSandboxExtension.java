package io.rapidjava.rapid.junit;

import io.rapidjava.interop.SandboxConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link RapidSandbox}: starts the declared sandbox before the class (or each test), hands it
 * to tests as a {@link SandboxUnderTest} parameter, and closes it after. The handle lives in the store of the
 * context that started it, so the parameter lookup, which climbs to the enclosing contexts, finds a class's sandbox
 * from its tests and its {@code @Nested} classes.
 */
public final class RapidSandboxExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RapidSandboxExtension.class);
    private static final String KEY = "sandbox";

    @Override
    public void beforeAll(ExtensionContext context) {
        // A @Nested class without its own annotation uses its enclosing class's sandbox.
        Optional<RapidSandbox> own = AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
                RapidSandbox.class);
        if (own.isPresent() && !own.get().perTest()) {
            start(context, own.get());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RapidSandbox declared = declared(context);
        if (declared.perTest()) {
            start(context, declared);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SandboxUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SandboxUnderTest sandbox = context.getStore(NAMESPACE).get(KEY, SandboxUnderTest.class);
        if (sandbox == null) {
            throw new ParameterResolutionException("no sandbox is started for " + parameter.getDeclaringExecutable()
                    + ": with @RapidSandbox(perTest = true) it starts before each test, so take it in a test or"
                    + " @BeforeEach method, not in a constructor or @BeforeAll method");
        }
        return sandbox;
    }

    private static void start(ExtensionContext context, RapidSandbox declared) {
        SandboxSpec spec;
        try {
            spec = SandboxSpec.of(declared, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        ExtensionsDir extensions = spec.extensions().isEmpty() ? null : ExtensionsDir.prepare(spec.extensions());
        SandboxConfig config;
        try {
            config = spec.config(extensions == null ? null : extensions.path(), System.getenv(),
                    System.getProperty("java.home"));
        } catch (RuntimeException e) {
            if (extensions != null) {
                extensions.close();
            }
            throw e;
        }
        // From here the handle owns the directory, closing it even when the start fails.
        SandboxUnderTest sandbox = SandboxUnderTest.start(config, extensions);
        context.getStore(NAMESPACE).put(KEY, sandbox);
    }

    /** Closes the sandbox this very context started, if any (not one of an enclosing context). */
    private static void closeOwn(ExtensionContext context) {
        SandboxUnderTest sandbox = context.getStore(NAMESPACE).remove(KEY, SandboxUnderTest.class);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The annotation of the test's class, or of the nearest enclosing class that has one. */
    private static RapidSandbox declared(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<RapidSandbox> found = AnnotationSupport.findAnnotation(c, RapidSandbox.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException(RapidSandboxExtension.class.getSimpleName()
                + " needs @RapidSandbox on " + context.getRequiredTestClass().getName() + " or a class enclosing it");
    }
}
