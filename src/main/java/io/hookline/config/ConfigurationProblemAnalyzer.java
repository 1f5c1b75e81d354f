package io.hookline.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a configuration problem as Spring Boot prints its own ("APPLICATION FAILED TO START",
 * what is wrong, what to do) instead of a stack trace. Registered in META-INF/spring.factories.
 */
public class ConfigurationProblemAnalyzer extends AbstractFailureAnalyzer<RuntimeException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuntimeException cause) {
        ConfigurationProblem problem = findCause(rootFailure, ConfigurationProblem.class);
        if (problem != null) {
            return new FailureAnalysis(problem.getMessage(), problem.action(), problem);
        }
        return null;
    }
}
