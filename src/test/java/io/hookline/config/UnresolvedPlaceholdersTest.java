package io.hookline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** ${VAR} with nothing behind it must never become a secret: the key and the variable are named, never a value. */
class UnresolvedPlaceholdersTest {

    private static StandardEnvironment environment(Map<String, Object> file, Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        // Only what the test gives: the build may set spring.datasource.* as system properties.
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        env.getPropertySources().addLast(new MapPropertySource("file", file));
        return env;
    }

    @Test
    void anUnsetVariableInASecretOrTheAdminTokenIsNamedWithItsKey() {
        var env = environment(Map.of(
                "hookline.sources.impact.secrets[0]", "${HOOKLINE_TEST_UNSET_IMPACT_SECRET}",
                "hookline.admin-token", "${HOOKLINE_TEST_UNSET_ADMIN_TOKEN}",
                "spring.datasource.password", "pre-${HOOKLINE_TEST_UNSET_DB}-post"), Map.of());
        assertThat(UnresolvedPlaceholders.find(env)).containsExactlyInAnyOrder(
                "hookline.sources.impact.secrets[0] uses ${HOOKLINE_TEST_UNSET_IMPACT_SECRET}, which is not set (no environment variable or property of that name)",
                "hookline.admin-token uses ${HOOKLINE_TEST_UNSET_ADMIN_TOKEN}, which is not set (no environment variable or property of that name)",
                "spring.datasource.password uses ${HOOKLINE_TEST_UNSET_DB}, which is not set (no environment variable or property of that name)");
    }

    @Test
    void setVariablesDefaultsAndOtherKeysPass() {
        var env = environment(Map.of(
                "hookline.sources.impact.secrets[0]", "${IMPACT_SECRET_SET}",
                "hookline.admin-token", "${HOOKLINE_TEST_UNSET_TOKEN:}",
                "hookline.outbound.webhooks[0].url", "http://127.0.0.1:${server.port:8080}/x",
                "logging.pattern.console", "${HOOKLINE_TEST_UNSET_PATTERN}"),
                Map.of("IMPACT_SECRET_SET", "0123456789abcdef0123"));
        assertThat(UnresolvedPlaceholders.find(env)).isEmpty();
    }

    @Test
    void onlyTheDefinitionInForceIsChecked() {
        // A file's ${VAR} overridden by a command-line value is not used, so it is not an error.
        var env = environment(Map.of("hookline.admin-token", "${HOOKLINE_TEST_UNSET_ADMIN_TOKEN}"),
                Map.of("hookline.admin-token", "a-real-token-0123456789"));
        assertThat(UnresolvedPlaceholders.find(env)).isEmpty();
    }

    @Test
    void theMessageNeverHoldsTheValue() {
        var env = environment(Map.of("hookline.sources.x.secrets[0]", "s3cr3t-prefix-${HOOKLINE_TEST_UNSET_SUFFIX}"), Map.of());
        assertThat(UnresolvedPlaceholders.find(env)).singleElement().asString().doesNotContain("s3cr3t-prefix");
    }
}
