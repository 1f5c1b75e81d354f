package io.hookline.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How the console writes values, called from templates as {@code ${@consoleFormat.time(x)}}; times are UTC. */
@Component
public class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    public ConsoleFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An instant, or its ISO text as the API gives it; a dash when there is none. */
    public String time(Object value) {
        Instant t = value instanceof Instant i ? i : value instanceof String s && !s.isBlank() ? Instant.parse(s) : null;
        return t == null ? "–" : TIME.format(t);
    }

    public String hour(Instant value) {
        return HOUR.format(value) + " UTC";
    }

    /** JSON (a tree, or any value) pretty-printed, for a {@code <pre>}; null stays null. */
    public String json(Object json) {
        if (json == null) return null;
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return String.valueOf(json);
        }
    }
}
