package org.openauthz.loginconsent.views;

/** Any failure, explained in plain words; never a stack trace or the admin API's raw answer. */
public final class ErrorView extends Page {
    private final int status;
    private final String explanation;
    private final String startAgainUrl;

    public ErrorView(int status, String title, String explanation, String startAgainUrl) {
        super("error.mustache", title);
        this.status = status;
        this.explanation = explanation;
        this.startAgainUrl = startAgainUrl;
    }

    public int getStatus() {
        return status;
    }

    public String getExplanation() {
        return explanation;
    }

    public boolean isHasStartAgain() {
        return startAgainUrl != null;
    }

    public String getStartAgainUrl() {
        return startAgainUrl;
    }
}
