package org.openauthz.cli;

/**
 * A failure whose message is already the single line the user should read on stderr.
 * The root command prints only {@link #getMessage()} (plus the cause's stack trace when
 * {@code HYDRA_CLI_DEBUG=1}) and exits with status 1.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
