package org.openauthz.authz.api.metrics;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JAX-RS route of a port has its endpoint label, so no served path is counted as {@code {unmatched}}. */
class HydraRoutesTest {
    private static final String PLACEHOLDER = "\u0001";
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)(?:\\s*:\\s*([^}]*))?}");

    @Test
    void whenAResourceServesAPathThenItsPortListsTheRoute() {
        for (JavaClass type : new ClassFileImporter().importPackages("org.openauthz.authz.api")) {
            Class<?> resource = type.reflect();
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            String pkg = resource.getPackageName();
            for (String route : routes(resource, root.value())) {
                if (!pkg.endsWith(".admin")) {
                    assertThat(HydraRoutes.PUBLIC).as(resource.getSimpleName()).contains(route);
                }
                if (!pkg.endsWith(".publicapi")) {
                    assertThat(HydraRoutes.ADMIN).as(resource.getSimpleName()).contains(route, "/admin" + route);
                }
            }
        }
    }

    private static List<String> routes(Class<?> resource, String root) {
        List<String> paths = new ArrayList<>();
        boolean rootServed = false;
        for (Method method : resource.getDeclaredMethods()) {
            Path sub = method.getAnnotation(Path.class);
            if (sub == null) {
                rootServed |= java.util.Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
            } else {
                paths.addAll(expand(join(root, sub.value())));
            }
        }
        if (rootServed) {
            paths.addAll(expand(join(root, "")));
        }
        return paths;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code {id}} becomes {@code {param}}; a parameter limited to alternatives ({@code a|b}) becomes each. */
    private static List<String> expand(String path) {
        Matcher m = PARAMETER.matcher(path);
        if (!m.find()) {
            return List.of(path.replace(PLACEHOLDER, "{param}"));
        }
        List<String> out = new ArrayList<>();
        String alternatives = m.group(2);
        List<String> values = alternatives != null && alternatives.matches("[\\w|-]+")
                ? List.of(alternatives.split("\\|")) : List.of(PLACEHOLDER);
        for (String value : values) {
            out.addAll(expand(path.substring(0, m.start()) + value + path.substring(m.end())));
        }
        return out;
    }
}
