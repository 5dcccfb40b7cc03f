package io.rapidjava.tests.embed;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A sandbox that cannot start fails its test class with the INIT outcome and what the runtime said. */
@Timeout(120)
class FailedStartTest {

    /** Run through the JUnit engine below, not by Surefire (it skips nested classes). */
    @RapidSandbox(bootstrap = "src/test/resources/embed/function/failing-bootstrap",
            extensions = "src/test/resources/embed/extensions/audit-log")
    static final class CannotStart {
        @Test
        void never(SandboxUnderTest sandbox) {
        }
    }

    @Test
    void theClassFailsWithTheInitReportAndTheRuntimesLastWords() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(CannotStart.class)).execute().allEvents()
                .assertThatEvents().haveExactly(1, event(container(CannotStart.class),
                        finishedWithFailure(instanceOf(AssertionError.class), message(m ->
                                m.startsWith("the sandbox did not start: INIT error (Runtime.ExitError)")
                                        && m.contains("extensions: audit-log")
                                        && m.contains("[function] cannot start: no configuration")))));
    }
}
