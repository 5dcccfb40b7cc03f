package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.interop.ShutdownSummary.ProcessEnd;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    private static ShutdownSummary ended(String... hows) {
        return new ShutdownSummary("spindown", 12.5, java.util.Arrays.stream(hows)
                .map(how -> new ProcessEnd("p", "extension", 42, how, how.equals("exited") ? 0 : -1,
                        how.equals("exited") ? 0 : 9))
                .toList());
    }

    @Test
    void aShutdownIsCleanWhenEveryProcessEndedWithinItsTime() {
        assertEquals(0, ExitCode.after(new ShutdownSummary("spindown", 0, List.of())));
        // exited on its own, or SIGKILLed at once as Lambda does (the runtime without extensions)
        assertEquals(0, ExitCode.after(ended("exited", "signalled")));
    }

    @Test
    void aProcessKilledPastItsTimeOrNeverReapedMeansTheDeadlineWasMissed() {
        assertEquals(3, ExitCode.after(ended("exited", "killed")));
        assertEquals(3, ExitCode.after(ended("gone")));
    }

    @Test
    void aShutdownCutShortBySignalNExitsWith128PlusN() {
        assertEquals(143, ExitCode.forcedBy(15));
        assertEquals(130, ExitCode.forcedBy(2));
    }
}
