package io.hookline.automation;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML syntax error said for a person: where (line and column, the line quoted with a caret
 * under the column) and what is wrong in plain words, for the mistakes people make in a
 * hand-written file: a tab, a line indented differently from its neighbours, a missing ':' or a
 * missing space after it, a ': ' inside an unquoted value, a quote never closed.
 */
final class YamlProblem {

    private YamlProblem() {
    }

    static String describe(String text, YAMLException e) {
        if (!(e instanceof MarkedYAMLException m) || m.getProblemMark() == null) {
            return "not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
        String problem = String.valueOf(m.getProblem());
        String context = String.valueOf(m.getContext());
        Mark at = m.getProblemMark();
        String words;
        if (problem.contains("\\t") || problem.contains("TAB") || problem.contains("tab")) {
            words = "a tab character: YAML indents with spaces only; replace the tab with spaces";
        } else if (context.contains("quoted scalar") && m.getContextMark() != null) {
            // The end of the file is where SnakeYAML notices; the quote that opened is what to fix.
            at = m.getContextMark();
            words = "this quote is never closed: add the closing quote on the same line (or quote with the other kind "
                    + "of quote if the value contains this one)";
        } else if (problem.contains("mapping values are not allowed")) {
            words = "a ':' where a value was expected: either this line is indented more than the key above it, or "
                    + "a value contains ': ' and must be quoted, e.g. text: \"Rejected: {{data.reason}}\"";
        } else if (problem.contains("could not find expected ':'")) {
            at = m.getContextMark() != null ? m.getContextMark() : at;
            words = "a key without ':' — write key: value, with a space after the colon";
        } else if (problem.contains("expected <block end>") || problem.contains("did not find expected key")
                || problem.contains("did not find expected '-'")) {
            words = "this line is indented differently from the lines above it: the keys of one automation line up "
                    + "under each other, and so do the '- ' of a list";
        } else if (problem.contains("cannot start any token")) {
            words = "a value cannot start with this character: quote the value";
        } else {
            words = problem;
        }
        return "not valid YAML at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + ": " + words
                + quote(text, at);
    }

    /** The line, tabs shown as →, and a caret under the column. */
    private static String quote(String text, Mark at) {
        String[] lines = text.split("\r?\n", -1);
        if (at.getLine() >= lines.length) return "";
        String line = lines[at.getLine()].replace('\t', '→');
        String number = String.valueOf(at.getLine() + 1);
        String gutter = " ".repeat(number.length());
        int column = Math.min(at.getColumn(), line.length());
        return "\n      " + number + " | " + line + "\n      " + gutter + " | " + " ".repeat(column) + "^";
    }
}
