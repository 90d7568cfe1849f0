package org.openauthz.cli.keys;

import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.cli.CliEnvironment;
import org.openauthz.cli.output.JsonOutput;

/** How `keys create`, `keys get` and `keys rotate` print the set they got: pretty JSON, `{}` when the body was empty. */
final class KeySetOutput {
    private KeySetOutput() {
    }

    static void print(CliEnvironment environment, JSONWebKeySet keys) {
        environment.out().println(new JsonOutput().pretty(keys == null ? new JSONWebKeySet() : keys));
    }
}
