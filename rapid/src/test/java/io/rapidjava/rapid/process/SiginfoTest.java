package io.rapidjava.rapid.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidjava.fatalerror.ExitStatus;
import io.rapidjava.fatalerror.Fault;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** waitid's record decoded: si_code alone tells an exit from a signal, whatever the number. */
class SiginfoTest {

    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|0|exit status 0",
            "1|1|exit status 1",
            "1|130|exit status 130",
            "1|137|exit status 137",
            "1|139|exit status 139",
            "1|192|exit status 192",
            "1|255|exit status 255",
            "2|9|signal: killed",
            "2|2|signal: interrupt",
            "2|15|signal: terminated",
            "3|11|signal: segmentation fault",
            "3|6|signal: aborted",
    })
    void decodesLikeGo(int code, int status, String text) {
        assertEquals(text, Fault.exitText(Siginfo.decode(code, status)));
    }

    @Test
    void readsTheFieldsWhereLinuxPutsThem() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Siginfo.SIZE);
            info.set(ValueLayout.JAVA_INT, 0, 17);          // si_signo: SIGCHLD
            info.set(ValueLayout.JAVA_INT, 8, CLD_KILLED);  // si_code
            info.set(ValueLayout.JAVA_INT, 16, 4242);       // si_pid
            info.set(ValueLayout.JAVA_INT, 20, 1000);       // si_uid
            info.set(ValueLayout.JAVA_INT, 24, 9);          // si_status
            assertEquals(4242, Siginfo.pid(info));
            assertEquals(ExitStatus.killedBy(9), Siginfo.status(info));
            info.set(ValueLayout.JAVA_INT, 8, CLD_EXITED);
            info.set(ValueLayout.JAVA_INT, 24, 137);
            assertEquals(ExitStatus.exited(137), Siginfo.status(info));
            info.set(ValueLayout.JAVA_INT, 8, CLD_DUMPED);
            info.set(ValueLayout.JAVA_INT, 24, 11);
            assertEquals(ExitStatus.killedBy(11), Siginfo.status(info));
        }
    }

    @Test
    void aStoppedChildIsNoEnd() {
        assertThrows(IllegalArgumentException.class, () -> Siginfo.decode(5, 19));
    }
}
