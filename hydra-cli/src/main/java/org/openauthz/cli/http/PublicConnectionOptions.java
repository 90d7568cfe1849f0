package org.openauthz.cli.http;

import org.openauthz.cli.CliEnvironment;
import picocli.CommandLine.Option;

/** Flags of commands that call the public API ({@code token client}, {@code token revoke}). */
public final class PublicConnectionOptions extends ConnectionOptions {

    static final String ENDPOINT_VARIABLE = "HYDRA_URL";

    @Option(names = "--endpoint", paramLabel = "string",
            description = "Set the URL where the public API is hosted, defaults to environment variable "
                    + ENDPOINT_VARIABLE)
    String endpoint;

    public Endpoint endpoint(CliEnvironment environment) {
        return Endpoint.resolve(endpoint, environment.variable(ENDPOINT_VARIABLE), ENDPOINT_VARIABLE, "public API");
    }
}
