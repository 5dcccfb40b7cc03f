package io.rapidjava.rapid.process;

import io.rapidjava.fatalerror.ExitStatus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's record of a child's end, as waitid(2) fills a siginfo_t (64-bit Linux: si_signo, si_errno, si_code,
 * then the 8-byte aligned union with si_pid, si_uid, si_status). Only si_code says whether the child exited or was
 * killed; si_status is the exit code or the signal accordingly.
 */
final class Siginfo {

    static final long SIZE = 128;
    private static final long SI_CODE = 8;
    private static final long SI_PID = 16;
    private static final long SI_STATUS = 24;
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;

    private Siginfo() {
    }

    /** The child's pid; 0 when waitid found none that had ended (WNOHANG). */
    static int pid(MemorySegment info) {
        return info.get(ValueLayout.JAVA_INT, SI_PID);
    }

    static ExitStatus status(MemorySegment info) {
        return decode(info.get(ValueLayout.JAVA_INT, SI_CODE), info.get(ValueLayout.JAVA_INT, SI_STATUS));
    }

    /**
     * A core dump reads as its signal alone: Lambda dumps no cores, so its message never says more than
     * {@code signal: segmentation fault}.
     */
    static ExitStatus decode(int code, int status) {
        return switch (code) {
            case CLD_EXITED -> ExitStatus.exited(status & 0xff);
            case CLD_KILLED, CLD_DUMPED -> ExitStatus.killedBy(status);
            default -> throw new IllegalArgumentException("not an end of a child: si_code " + code);
        };
    }
}
