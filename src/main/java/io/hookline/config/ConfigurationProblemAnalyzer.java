package io.hookline.config;

import io.hookline.automation.AutomationFileException;
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
        AutomationFileException automations = findCause(rootFailure, AutomationFileException.class);
        if (automations != null) {
            return new FailureAnalysis(automations.getMessage(),
                    "Correct the automation files (docs/automations.md lists every key), then start again. "
                            + "`bin/hookline check` finds these mistakes without starting the service.", automations);
        }
        return null;
    }
}
