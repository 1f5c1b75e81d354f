package io.hookline.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start when a {@code ${NAME}} placeholder under {@code hookline.*} (or
 * {@code spring.datasource.*}) has no value and no default. Spring Boot would otherwise keep the
 * literal text, and {@code ${IMPACT_SIGNING_SECRET}} would become a signing secret that anyone
 * reading the docs knows. Runs before any bean is created; names the key and the variable, never a value.
 */
public class UnresolvedPlaceholders implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    /** ${NAME} or ${NAME:default}; a default (even empty) means the author accepted it. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
    private static final List<String> CHECKED = List.of("hookline.", "spring.datasource.");

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = find(environment);
        if (!problems.isEmpty()) {
            throw new ConfigurationProblem(problems, "Set each variable named (for example in the service's environment "
                    + "file), or give the key a value. A placeholder with a default, ${NAME:default}, is never refused.");
        }
    }

    /** Each key (highest-precedence definition only) whose value names a variable that is not set. */
    public static List<String> find(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                String key = canonical(name);
                if (CHECKED.stream().noneMatch(key::startsWith) || !seen.add(key)) continue;
                if (!(enumerable.getProperty(name) instanceof CharSequence value)) continue;
                Matcher m = PLACEHOLDER.matcher(value);
                while (m.find()) {
                    String variable = m.group(1).trim();
                    if (m.group(2) == null && !environment.containsProperty(variable)) {
                        problems.add(name + " uses ${" + variable + "}, which is not set (no environment variable "
                                + "or property of that name)");
                    }
                }
            }
        }
        return problems;
    }

    /** Property names as Spring relaxes them: HOOKLINE_ADMIN_TOKEN and hookline.admin-token are one key. */
    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
