package org.openauthz.cli.doctor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL's host is this machine, where plain HTTP exposes nothing to the network
 * (<a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>). Decided on the text alone: no
 * name is resolved.
 */
final class LoopbackHost {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private LoopbackHost() {
    }

    static boolean is(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }
}
