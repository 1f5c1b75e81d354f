package io.hookline.startup;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.env.Environment;

/**
 * Registers the Spring components of {@code hookline.plugins.scan-packages} (a developer's
 * processors and Java recipes, in jars under plugins/), so YAML routes and recipes can call them
 * by bean name. Hookline itself is scanned under io.hookline as usual.
 */
public class PluginScan implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(PluginScan.class);
    static final String KEY = "hookline.plugins.scan-packages";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> packages = Binder.get(environment).bind(KEY, Bindable.listOf(String.class)).orElse(List.of())
                .stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        if (packages.isEmpty()) return;
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(registry, true, environment);
        int found = scanner.scan(packages.toArray(String[]::new));
        log.info("{} plugin component(s) found in {}", found, packages);
        if (found == 0) {
            log.warn("{} names {} but no @Component class was found there: is the plugin jar in plugins/?", KEY, packages);
        }
    }
}
