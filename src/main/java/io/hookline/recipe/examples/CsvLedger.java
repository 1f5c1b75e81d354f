package io.hookline.recipe.examples;

import io.hookline.recipe.RecipeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The Java half of the csv-ledger example recipe (recipes/examples/csv-ledger.kamelet.yaml): a
 * recipe's work done by a processor bean. It reads the automation's rendered parameters as
 * exchange variables and sets variable {@code result}, which the action's history shows.
 * Throwing {@link RecipeFailure} decides retry or not; any IOException is retried.
 */
@Component("csvLedger")
public class CsvLedger implements Processor {

    @Override
    public synchronized void process(Exchange exchange) throws IOException {
        Path file = Path.of(required(exchange, "file"));
        String delimiter = exchange.getVariable("delimiter", "|", String.class);
        String row = csv(required(exchange, "row").split(Pattern.quote(delimiter), -1));
        if (Boolean.TRUE.equals(exchange.getVariable("dryRun", Boolean.class))) {
            exchange.setVariable("result", "dry run: would append to " + file + ": " + row);
            return;
        }
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, csv(required(exchange, "header").split(",", -1)) + "\r\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
        }
        Files.writeString(file, row + "\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        exchange.setVariable("result", "appended to " + file);
    }

    private static String required(Exchange exchange, String name) {
        String value = exchange.getVariable(name, String.class);
        if (value == null || value.isBlank()) throw RecipeFailure.permanent("csv-ledger: " + name + " is empty");
        return value;
    }

    /** A cell a spreadsheet would run as a formula (=, +, @, or - not starting a number). */
    private static final Pattern FORMULA = Pattern.compile("^(?:[=+@\\t\\r]|-(?![0-9.])).*", Pattern.DOTALL);

    /** RFC 4180: quoted when needed, quotes doubled; formula-like cells are defused with a leading '. */
    static String csv(String[] values) {
        return Arrays.stream(values).map(String::trim).map(v -> {
            String safe = FORMULA.matcher(v).matches() ? "'" + v : v;
            return safe.matches(".*[\",\\r\\n'].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
        }).collect(Collectors.joining(","));
    }
}
