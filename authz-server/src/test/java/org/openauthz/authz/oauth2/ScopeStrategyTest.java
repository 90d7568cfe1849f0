package org.openauthz.authz.oauth2;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hydra's {@code strategies.scope}; scope tokens are compared as
 * <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a> strings.
 */
class ScopeStrategyTest {

    @ParameterizedTest(name = "allowed [{0}] requested {1} -> {2}")
    @CsvSource({
            "foo.*,         foo.bar,      true",
            "foo.*,         foo.bar.baz,  true",
            "foo.*,         foo,          false",
            "foo.*,         foo.,         false",
            "foo.*,         foobar,       false",
            "foo.*,         bar.foo,      false",
            "foo.*,         foo.*,        true",
            "foo.bar,       foo.bar,      true",
            "foo.bar,       foo.bar.baz,  false",
            "foo.bar,       foo,          false",
            "foo,           FOO,          false",
            "foo bar,       bar,          true",
            "openid foo.*,  foo.x,        true",
            "'',            foo,          false",
    })
    void whenWildcardThenPatternCoversSubScopesButNotItsPrefix(String allowed, String requested, boolean expected) {
        assertThat(ScopeStrategy.WILDCARD.allows(words(allowed), requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "allowed [{0}] requested {1} -> {2}")
    @CsvSource({
            "*,            anything,          true",
            "*,            foo.bar,           true",
            "users.*.read, users.42.read,     true",
            "users.*.read, users.42.write,    false",
            "users.*.read, users..read,       false",
            "*.read,       photos.read,       true",
    })
    void whenWildcardIsNotTheLastSegmentThenItStillMatchesOneSegmentAsInHydra(String allowed, String requested,
                                                                            boolean expected) {
        assertThat(ScopeStrategy.WILDCARD.allows(words(allowed), requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "allowed [{0}] requested {1} -> {2}")
    @CsvSource({
            "foo.*,    foo.bar,  false",
            "foo.*,    foo.*,    true",
            "foo bar,  bar,      true",
            "foo,      foo.bar,  false",
            "foo,      FOO,      false",
    })
    void whenExactThenOnlyEqualStringsMatch(String allowed, String requested, boolean expected) {
        assertThat(ScopeStrategy.EXACT.allows(words(allowed), requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"exact, foo.bar, false", "wildcard, foo.bar, true", "unknown, foo.bar, true"})
    void whenNamedThenExactOrElseWildcard(String name, String requested, boolean expected) {
        assertThat(ScopeStrategy.named(name).allows(List.of("foo.*"), requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "allowed [{0}] requested {1} -> {2}")
    @CsvSource({
            "foo,           foo,          true",
            "foo,           foo.bar,      true",
            "foo,           foo.bar.baz,  true",
            "foo.bar,       foo.bar.baz,  true",
            "foo.bar,       foo,          false",
            "foo.bar,       foo.baz,      false",
            "foo,           foobar,       false",
            "foo,           bar.foo,      false",
            "foo,           FOO.bar,      false",
            "foo.*,         foo.bar,      false",
            "bar foo,       foo.x,        true",
            "'',            foo,          false",
    })
    void whenHierarchicThenAScopeCoversEveryScopeBelowIt(String allowed, String requested, boolean expected) {
        assertThat(ScopeStrategy.HIERARCHIC.allows(words(allowed), requested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DEPRECATED_HIERARCHICAL_SCOPE_STRATEGY", "deprecated_hierarchical_scope_strategy"})
    void whenNamedAsHydraNamesItThenHierarchic(String name) {
        assertThat(ScopeStrategy.named(name)).isSameAs(ScopeStrategy.HIERARCHIC);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
