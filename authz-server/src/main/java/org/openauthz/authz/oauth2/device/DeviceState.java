package org.openauthz.authz.oauth2.device;

/**
 * Where a device authorization request stands
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-3.5">RFC 8628 §3.5</a> names what the polling device is
 * told in each):
 * <pre>
 * PENDING --user code accepted--> VERIFIED --consent given--> APPROVED --tokens issued--> USED
 *                                  |  ^  \--login or consent refused--> DENIED
 *                                  \--/ user code typed again: a new verifier
 * </pre>
 * PENDING and VERIFIED answer {@code authorization_pending}, DENIED {@code access_denied}, USED
 * {@code invalid_grant}. Each step is one conditional write, so it happens at most once.
 */
public enum DeviceState {
    PENDING, VERIFIED, APPROVED, DENIED, USED
}
