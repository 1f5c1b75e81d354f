package io.hookline.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route files written for Hookline 0.1, whose routes received the event as a CloudEvent
 * ({@code ${body[data][data][reason]}}, {@code ${body[deliveryid]}}): since 0.2 the body is the event
 * {@code {event, data, payload}}, the same that automations read, and those paths read null.
 * Start-up logs a warning naming the file, the line and what to write instead. A warning, not a
 * stop: a sender whose {@code data} has a {@code data} of its own makes {@code [data][data]} right.
 */
final class OldEventPaths {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);

    private static final Pattern DATA_DATA = Pattern.compile("body\\[data]\\[data]");
    /**
     * The CloudEvent attributes the 0.1 body had at its top level that no other body has ({@code id},
     * {@code type}... are left alone: a route that called a partner reads its answer's).
     */
    private static final Pattern ATTRIBUTE = Pattern.compile("body\\[(specversion|datacontenttype|deliveryid)]");

    private OldEventPaths() {
    }

    /** Logs one warning per line that reads the 0.1 body; answers the warnings. */
    static List<String> warn(List<RouteFiles.RouteFile> files) {
        List<String> warnings = new ArrayList<>();
        for (RouteFiles.RouteFile f : files) {
            if (!f.kamelet()) warnings.addAll(find(f));
        }
        warnings.forEach(log::warn);
        return warnings;
    }

    static List<String> find(RouteFiles.RouteFile f) {
        List<String> found = new ArrayList<>();
        List<String> lines = new String(f.content(), StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = f.location() + " line " + (i + 1);
            if (DATA_DATA.matcher(line).find()) {
                found.add(where + " reads ${body[data][data]...}, the 0.1 route body: since 0.2 ${body[data]} is already "
                        + "the payload's data, as {{data.x}} in automations; write ${body[data][x]} (the whole payload "
                        + "is ${body[payload]}). Ignore this if your sender's data has a field named data.");
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            while (attribute.find()) {
                String name = attribute.group(1);
                String instead = name.equals("deliveryid") ? "${body[event][deliveryId]}"
                        : "nothing: the body is no longer a CloudEvent (the event's id, type, source and time are under "
                        + "${body[event]})";
                found.add(where + " reads ${body[" + name + "]}, the 0.1 route body's CloudEvent attribute: since 0.2 "
                        + "the body is {event, data, payload}; write " + instead + ".");
            }
        }
        return found;
    }
}
