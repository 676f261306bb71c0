package io.maskgate.server.cli;

/** maskgatectl's exit codes, the same for every command (keystore and audit add their own, documented there). */
final class ExitCodes {

    /** Done; for {@code health}: the node is ready. */
    static final int OK = 0;
    /** The operation failed or was refused (the admin API answered an error, the conf is invalid, not ready). */
    static final int FAILED = 1;
    /** The admin API did not answer (connection refused, timeout). */
    static final int UNREACHABLE = 2;
    /** Bad command line (sysexits.h EX_USAGE). */
    static final int USAGE = 64;

    private ExitCodes() {
    }
}
