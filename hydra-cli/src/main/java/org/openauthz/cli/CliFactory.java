package org.openauthz.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/**
 * Creates command objects for picocli, handing the {@link CliEnvironment} to every command whose
 * constructor asks for it. This is how commands reach stdout, stderr and the environment without
 * static state; classes without such a constructor (mixins, converters) use picocli's default.
 */
final class CliFactory implements CommandLine.IFactory {

    private final CliEnvironment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CliFactory(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = type.getDeclaredConstructor(CliEnvironment.class);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(environment);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
