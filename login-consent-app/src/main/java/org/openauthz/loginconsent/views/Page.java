package org.openauthz.loginconsent.views;

import io.dropwizard.views.common.View;

import java.nio.charset.StandardCharsets;

/**
 * A rendered page. Templates live next to this class's package under {@code src/main/resources} and share
 * {@code _header.mustache} / {@code _footer.mustache}. Mustache HTML-escapes every {@code {{value}}} (including
 * {@code =} as {@code &#61;}), so values from clients and users are safe in text and in quoted attributes.
 */
public abstract class Page extends View {
    private final String title;

    protected Page(String template, String title) {
        super(template, StandardCharsets.UTF_8);
        this.title = title;
    }

    public String getTitle() {
        return title;
    }
}
