package org.openauthz.loginconsent.views;

/**
 * The device page: where a person types the code their TV or command line shows (RFC 8628 §3.3). Shown again with a
 * message after a wrong code.
 */
public final class DeviceView extends Page {
    public static final String WRONG_CODE = "That code is not right, or it has expired. Check the code on your device "
            + "and try again.";
    public static final String TOO_MANY = "Too many wrong codes were entered. Start again from the link or address "
            + "your device shows.";

    private final String challenge;
    private final String csrf;
    private final String userCode;
    private final String error;

    private DeviceView(String challenge, String csrf, String userCode, String error) {
        super("device.mustache", "Sign in on your device");
        this.challenge = challenge;
        this.csrf = csrf;
        this.userCode = userCode == null ? "" : userCode;
        this.error = error;
    }

    /** First display; {@code userCode} prefilled when the device's link carried it. */
    public static DeviceView first(String challenge, String csrf, String userCode) {
        return new DeviceView(challenge, csrf, userCode, null);
    }

    /** After a refused code: keeps what was typed and says what went wrong. */
    public static DeviceView retry(String challenge, String csrf, String userCode, String error) {
        return new DeviceView(challenge, csrf, userCode, error);
    }

    public String getChallenge() {
        return challenge;
    }

    public String getCsrf() {
        return csrf;
    }

    public String getUserCode() {
        return userCode;
    }

    public boolean isHasError() {
        return error != null;
    }

    public String getError() {
        return error;
    }
}
