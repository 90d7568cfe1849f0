package org.openauthz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommandCatalogTest {

    @Test
    void whenTheCommandTreeIsBuiltThenEveryCommandOfHydrasOverviewIsRegistered() {
        CliEnvironment environment = new CliEnvironment(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), new SecureRandom());

        assertEquals(CommandCatalog.topLevel().keySet(),
                new TreeSet<>(new HydraCli(environment).commandLine().getSubcommands().keySet()));
    }
}
