package org.openauthz.authz.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.spi.DeferredProcessingAware;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;

import java.util.TimeZone;
import java.util.function.BiFunction;

/**
 * A log layout that formats with another layout, then passes the text through {@link LogRedactor}: how
 * {@code log.leak_sensitive_values: false} (the default) applies to every line of the application log and the
 * request log, exception messages and stack traces included.
 */
public final class RedactingLayoutFactory<E extends DeferredProcessingAware> implements DiscoverableLayoutFactory<E> {
    private final BiFunction<LoggerContext, TimeZone, LayoutBase<E>> inner;

    public RedactingLayoutFactory(BiFunction<LoggerContext, TimeZone, LayoutBase<E>> inner) {
        this.inner = inner;
    }

    @Override
    public LayoutBase<E> build(LoggerContext context, TimeZone timeZone) {
        return new RedactingLayout<>(inner.apply(context, timeZone));
    }

    private static final class RedactingLayout<E> extends LayoutBase<E> {
        private final LayoutBase<E> inner;

        RedactingLayout(LayoutBase<E> inner) {
            this.inner = inner;
        }

        @Override
        public String doLayout(E event) {
            return LogRedactor.redact(inner.doLayout(event));
        }

        @Override
        public String getFileHeader() {
            return inner.getFileHeader();
        }

        @Override
        public void start() {
            inner.start();
            super.start();
        }

        @Override
        public void stop() {
            inner.stop();
            super.stop();
        }
    }
}
