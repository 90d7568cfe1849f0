package org.openauthz.authz.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation (<a href="https://www.rfc-editor.org/rfc/rfc4632#section-3.1">RFC
 * 4632 §3.1</a>, <a href="https://www.rfc-editor.org/rfc/rfc4291#section-2.3">RFC 4291 §2.3</a>), such as
 * {@code 10.0.0.0/8} or {@code fd00::/8}.
 */
public record CidrRange(String text, byte[] network, int prefixLength) {
    /** Only address literals: {@link InetAddress#getByName} would otherwise look a host name up in DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** @throws IllegalArgumentException with what is wrong, when {@code text} is not a CIDR range */
    public static CidrRange parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range such as 10.0.0.0/8 or fd00::/8");
        }
        InetAddress address = address(text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' does not start with an IP address");
        }
        byte[] bytes = address.getAddress();
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' needs a prefix length between 0 and "
                    + bytes.length * 8);
        }
        return new CidrRange(text, bytes, prefix);
    }

    /** An IPv4 or IPv6 address literal (IPv6 may be in brackets), or null when {@code text} is none. */
    public static InetAddress address(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code address} lies in this range; an IPv4 address never matches an IPv6 range, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
