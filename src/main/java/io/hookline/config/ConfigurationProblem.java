package io.hookline.config;

import java.util.List;

/**
 * Hookline's configuration cannot be run as it is: start-up stops before the HTTP port opens and
 * lists every problem (each names the key or file, never a secret value).
 */
public class ConfigurationProblem extends RuntimeException {

    private final List<String> problems;
    private final String action;

    public ConfigurationProblem(List<String> problems, String action) {
        this(problems.size() + " configuration problem(s)", problems, action);
    }

    /** {@code what}: how the message names the problems, e.g. "the automation files have 2 mistake(s)". */
    protected ConfigurationProblem(String what, List<String> problems, String action) {
        super("Hookline cannot start: " + what + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
        this.action = action;
    }

    public List<String> problems() {
        return problems;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
