package org.openauthz.cli.doctor;

/**
 * How urgent a finding of {@code hydra doctor} is (decision 0024), most urgent first.
 * <ul>
 *   <li>HIGH: tokens, codes or secrets can be taken without any further mistake (plain HTTP off loopback, an example
 *   secret, access tokens in the front channel, a public client without PKCE);</li>
 *   <li>MEDIUM: a defence RFC 9700 or OpenID Connect asks for is weakened (short secret, long lifespans, an expired
 *   secret, a redirect URI that looks like a pattern);</li>
 *   <li>LOW: hygiene (no scheduled key rotation, an unused key set);</li>
 *   <li>INFO: worth knowing, nothing to fix now; does not change the exit status.</li>
 * </ul>
 */
public enum Severity {
    HIGH, MEDIUM, LOW, INFO
}
