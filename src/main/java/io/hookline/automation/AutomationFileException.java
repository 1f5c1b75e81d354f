package io.hookline.automation;

import io.hookline.config.ConfigurationProblem;
import java.util.List;

/** The automation files have mistakes; start-up stops and lists them all. */
public class AutomationFileException extends ConfigurationProblem {

    public AutomationFileException(List<String> problems) {
        super("the automation files have " + problems.size() + " mistake(s)", problems,
                "Correct the automation files (docs/automations.md lists every key), then start again. "
                        + "`bin/hookline check` finds these mistakes without starting the service.");
    }
}
