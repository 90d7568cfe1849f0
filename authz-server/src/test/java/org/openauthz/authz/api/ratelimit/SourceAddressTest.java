package org.openauthz.authz.api.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceAddressTest {
    @ParameterizedTest(name = "hops {0}, X-Forwarded-For [{1}] -> {2}")
    @CsvSource(delimiter = ';', value = {
            "0; 198.51.100.1; 10.0.0.9",
            "1; 198.51.100.1; 198.51.100.1",
            "1; 203.0.113.5, 198.51.100.1; 198.51.100.1",
            "2; 203.0.113.5, 198.51.100.1; 203.0.113.5",
            "2; 198.51.100.1; 10.0.0.9",
            "1; ''; 10.0.0.9"})
    void whenProxiesAreTrustedThenTheAddressIsThatManyEntriesFromTheRight(int hops, String header, String expected) {
        assertThat(new SourceAddress(hops).of(request("10.0.0.9", header))).isEqualTo(expected);
    }

    /** A request from {@code peer} with one X-Forwarded-For header (none when empty). */
    private static HttpServletRequest request(String peer, String forwardedFor) {
        HttpServletRequest none = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);
        return new HttpServletRequestWrapper(none) {
            @Override
            public String getRemoteAddr() {
                return peer;
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return Collections.enumeration(forwardedFor.isEmpty() ? List.of() : List.of(forwardedFor));
            }
        };
    }
}
