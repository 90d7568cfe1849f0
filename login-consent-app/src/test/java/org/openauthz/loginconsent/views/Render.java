package org.openauthz.loginconsent.views;

import io.dropwizard.views.common.View;
import io.dropwizard.views.mustache.MustacheViewRenderer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Renders a view the way the running app does, for assertions on the HTML. */
final class Render {
    private Render() {
    }

    static String html(View view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MustacheViewRenderer().render(view, Locale.ROOT, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
