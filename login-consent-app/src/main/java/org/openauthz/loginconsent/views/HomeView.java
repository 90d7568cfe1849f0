package org.openauthz.loginconsent.views;

/** {@code GET /}: says what this app is, for someone who lands here without a sign-in request. */
public final class HomeView extends Page {
    private final boolean demoUsers;

    public HomeView(boolean demoUsers) {
        super("home.mustache", "OpenAuthz login and consent");
        this.demoUsers = demoUsers;
    }

    public boolean isDemoUsers() {
        return demoUsers;
    }
}
