package io.hookline.automation;

import java.util.List;

/** The automation files have mistakes; start-up stops and lists them all. */
public class AutomationFileException extends RuntimeException {

    private final List<String> problems;

    public AutomationFileException(List<String> problems) {
        super("Hookline cannot start: the automation files have " + problems.size() + " mistake(s):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
