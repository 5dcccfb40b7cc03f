package io.rapidjava.fatalerror;

/**
 * How a process ended: an exit code, or the signal that killed it. The JDK reports a signalled process
 * as 128 + signal number, so codes above 128 are read as signals.
 */
public record ExitStatus(int code, int signal) {

    public static ExitStatus fromJdk(int value) {
        return value > 128 && value < 128 + 65 ? new ExitStatus(value, value - 128) : new ExitStatus(value, 0);
    }

    public boolean signalled() {
        return signal != 0;
    }

    /** Go's (and so Lambda's) lower-case signal names. */
    public String signalName() {
        return switch (signal) {
            case 1 -> "hangup";
            case 2 -> "interrupt";
            case 3 -> "quit";
            case 4 -> "illegal instruction";
            case 5 -> "trace/breakpoint trap";
            case 6 -> "aborted";
            case 7 -> "bus error";
            case 8 -> "floating point exception";
            case 9 -> "killed";
            case 10 -> "user defined signal 1";
            case 11 -> "segmentation fault";
            case 12 -> "user defined signal 2";
            case 13 -> "broken pipe";
            case 14 -> "alarm clock";
            case 15 -> "terminated";
            case 16 -> "stack fault";
            case 17 -> "child exited";
            case 18 -> "continued";
            case 19 -> "stopped (signal)";
            case 20 -> "stopped";
            case 21 -> "stopped (tty input)";
            case 22 -> "stopped (tty output)";
            case 23 -> "urgent I/O condition";
            case 24 -> "CPU time limit exceeded";
            case 25 -> "file size limit exceeded";
            case 26 -> "virtual timer expired";
            case 27 -> "profiling timer expired";
            case 28 -> "window changed";
            case 29 -> "I/O possible";
            case 30 -> "power failure";
            case 31 -> "bad system call";
            default -> "signal " + signal;
        };
    }
}
