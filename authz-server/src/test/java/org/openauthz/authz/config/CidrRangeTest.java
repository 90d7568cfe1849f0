package org.openauthz.authz.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrRangeTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "127.0.0.1/32, 127.0.0.1, true",
        "127.0.0.1/32, 127.0.0.2, false",
        "192.168.4.0/22, 192.168.7.255, true",
        "192.168.4.0/22, 192.168.8.0, false",
        "0.0.0.0/0, 8.8.8.8, true",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fe80::1, false",
        "::1/128, ::1, true",
        "10.0.0.0/8, fd00::1, false",
        "fd00::/8, 10.0.0.1, false"})
    void whenAnAddressIsCheckedThenItMatchesOnlyItsPrefix(String range, String address, boolean expected)
            throws Exception {
        assertThat(CidrRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "example.com/8", "/8",
        "300.0.0.0/8", "10.0.0.0/-1"})
    void whenTextIsNoCidrRangeThenRejectedWithItsValue(String text) {
        assertThatThrownBy(() -> CidrRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "", "[]", "example.com"})
    void whenAPeerIsNoAddressLiteralThenNoAddressAndNoLookup(String text) {
        assertThat(CidrRange.address(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "::1", "127.0.0.1"})
    void whenAPeerIsAnAddressLiteralThenParsed(String text) {
        assertThat(CidrRange.address(text)).isNotNull();
    }
}
