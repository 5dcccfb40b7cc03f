package io.rapidjava.fatalerror;

/**
 * How a process ended, as the kernel recorded it: it exited with a code (0-255), or a signal killed it. The two
 * are kept apart because a process may well exit with 137 without having been killed.
 */
public record ExitStatus(int code, int signal) {

    /** The code of a process a signal ended: it has none (-1, as Go's {@code ExitCode()}). */
    public static final int NO_CODE = -1;

    public ExitStatus {
        if (signal == 0 ? code < 0 || code > 255 : signal < 0 || code != NO_CODE) {
            throw new IllegalArgumentException("neither an exit code nor a signal: code " + code + ", signal " + signal);
        }
    }

    /** The process called exit (or returned from main) with {@code code}. */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    /** A signal ended the process (whether or not it dumped core). */
    public static ExitStatus killedBy(int signal) {
        return new ExitStatus(NO_CODE, signal);
    }

    public boolean signalled() {
        return signal != 0;
    }

    /** Exited with 0: ended by its own choice, not by an error. */
    public boolean clean() {
        return signal == 0 && code == 0;
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
