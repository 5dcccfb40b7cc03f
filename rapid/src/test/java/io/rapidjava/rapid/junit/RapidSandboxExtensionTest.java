package io.rapidjava.rapid.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** How test classes using the extension fail when they declare it wrong; run through the JUnit engine. */
class RapidSandboxExtensionTest {

    @RapidSandbox(bootstrap = "no/such/bootstrap")
    static final class MissingBootstrap {
        @Test
        void never(SandboxUnderTest sandbox) {
        }
    }

    @RapidSandbox(bootstrap = "no/such/bootstrap", perTest = true)
    static final class PerTestInConstructor {
        PerTestInConstructor(SandboxUnderTest sandbox) {
        }

        @Test
        void never() {
        }
    }

    @ExtendWith(RapidSandboxExtension.class)
    static final class NotAnnotated {
        @Test
        void never() {
        }
    }

    private static Events run(Class<?> c) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(c)).execute().allEvents();
    }

    @Test
    void aMissingBootstrapFailsTheClassSayingWhereItWasLookedFor() {
        run(MissingBootstrap.class).assertThatEvents().haveExactly(1, event(container(MissingBootstrap.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@RapidSandbox(bootstrap): ") && m.contains("no/such/bootstrap")
                                && m.endsWith("does not exist")))));
    }

    @Test
    void aPerTestSandboxCannotBeTakenBeforeItStarts() {
        run(PerTestInConstructor.class).assertThatEvents().haveExactly(1, event(test("never"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("starts before each test")))));
    }

    @Test
    void theExtensionWithoutTheAnnotationSaysWhatIsMissing() {
        run(NotAnnotated.class).assertThatEvents().haveExactly(1, event(test("never"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("needs @RapidSandbox on")))));
    }
}
