package io.hookline.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Camel YAML files Hookline loads: its own routes and recipes, inside the jar (and any jar in
 * plugins/ that ships {@code hookline/recipes/*.kamelet.yaml} or {@code *.camel.yaml}), then the
 * user's from the configured locations. User directories are read through symbolic links, as a Kubernetes ConfigMap mounts
 * them ({@code ..data} links); entries whose names start with a dot are skipped. A location that
 * does not exist, or two files defining the same route or recipe id, is a configuration problem
 * naming the key or both files. A route that reads the event as Hookline 0.1 gave it
 * ({@code ${body[data][data][x]}}) is logged as a warning ({@link OldEventPaths}).
 */
public final class RouteFiles {

    /** One YAML file: where it came from (a Camel resource location) and its bytes, read once. */
    public record RouteFile(String location, byte[] content) {
        public boolean shipped() {
            return location.startsWith("classpath:");
        }

        /** A Kamelet (a recipe): Camel's Kamelet loader reads it by this name. */
        public boolean kamelet() {
            return location.endsWith(KAMELET);
        }
    }

    static final String KAMELET = ".kamelet.yaml";

    static final List<String> SHIPPED = List.of(
            "classpath*:hookline/routes/*.camel.yaml",
            "classpath*:hookline/recipes/*.camel.yaml",
            "classpath*:hookline/recipes/*.kamelet.yaml",
            "classpath*:hookline/recipes/examples/*.camel.yaml",
            "classpath*:hookline/recipes/examples/*.kamelet.yaml");

    private static final PathMatcher YAML = FileSystems.getDefault().getPathMatcher("glob:*.{yaml,yml}");

    private final List<RouteFile> files;

    private RouteFiles(List<RouteFile> files) {
        this.files = List.copyOf(files);
    }

    public List<RouteFile> files() {
        return files;
    }

    /** The texts of the Kamelet files (the recipes' definitions). */
    public List<String> kamelets() {
        return files.stream().filter(RouteFile::kamelet)
                .map(f -> new String(f.content(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /**
     * Hookline's own files plus those of {@code routesLocation} and {@code recipesLocation}
     * (each entry a directory, a file, a glob such as {@code /etc/hookline/routes/*.camel.yaml},
     * or a {@code classpath:} pattern; {@code file:} prefixes are accepted).
     */
    public static RouteFiles resolve(List<String> routesLocation, List<String> recipesLocation) {
        List<String> problems = new ArrayList<>();
        List<RouteFile> files = new ArrayList<>();
        for (String pattern : SHIPPED) files.addAll(classpath(pattern));
        addAll("hookline.routes-location", routesLocation, files, problems);
        addAll("hookline.automations.recipes-location", recipesLocation, files, problems);
        if (problems.isEmpty()) checkIds(files, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationProblem(problems, "Point the key at an existing directory or file (relative paths are "
                    + "from the working directory), and give each route and recipe an id of its own.");
        }
        OldEventPaths.warn(files);
        return new RouteFiles(files);
    }

    private static void addAll(String key, List<String> locations, List<RouteFile> files, List<String> problems) {
        if (locations == null) return;
        for (int i = 0; i < locations.size(); i++) {
            String location = locations.get(i) == null ? "" : locations.get(i).trim();
            if (location.isEmpty()) continue;
            String named = key + "[" + i + "]";
            if (location.startsWith("classpath")) {
                List<RouteFile> found = classpath(location.replaceFirst("^classpath\\*?:", "classpath*:"));
                if (found.isEmpty()) problems.add(named + ": '" + location + "' matches nothing on the classpath");
                files.addAll(found);
            } else {
                disk(named, location, files, problems);
            }
        }
    }

    private static void disk(String key, String location, List<RouteFile> files, List<String> problems) {
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        PathMatcher matcher = YAML;
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (last.matches(".*[*?{\\[].*")) {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + last);
            path = path.getParent() == null ? Path.of(".") : path.getParent();
        }
        if (!Files.exists(path)) {
            problems.add(key + ": '" + location + "' does not exist (looked for " + path.toAbsolutePath().normalize() + ")");
            return;
        }
        try {
            if (Files.isRegularFile(path)) {
                files.add(read(path));
                return;
            }
            List<Path> entries;
            try (Stream<Path> listed = Files.list(path)) {
                entries = listed.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            for (Path entry : entries) {
                // isRegularFile follows symbolic links: a ConfigMap's file is a link into ..data.
                if (Files.isRegularFile(entry) && matcher.matches(entry.getFileName())) files.add(read(entry));
            }
        } catch (IOException e) {
            problems.add(key + ": '" + location + "' cannot be read: " + e.getMessage());
        }
    }

    private static RouteFile read(Path file) throws IOException {
        return new RouteFile("file:" + file.toAbsolutePath().normalize(), Files.readAllBytes(file));
    }

    private static List<RouteFile> classpath(String pattern) {
        List<RouteFile> found = new ArrayList<>();
        try {
            String base = pattern.substring(pattern.indexOf(':') + 1, pattern.lastIndexOf('/') + 1);
            Resource[] resources = new PathMatchingResourcePatternResolver(RouteFiles.class.getClassLoader())
                    .getResources(pattern);
            java.util.Arrays.sort(resources, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    found.add(new RouteFile("classpath:" + base + r.getFilename(), in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + pattern + " from the classpath", e);
        }
        return found;
    }

    /** Camel would keep one of two same-named recipes silently, or fail on a route id without naming the files. */
    private static void checkIds(List<RouteFile> files, List<String> problems) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (RouteFile f : files) {
            for (String id : ids(f, problems)) {
                String previous = owners.putIfAbsent(id, f.location());
                if (previous != null && !previous.equals(f.location())) {
                    problems.add(id.replaceFirst(":", " '") + "' is defined twice: in " + previous
                            + (previous.startsWith("classpath:") ? " (shipped with Hookline)" : "")
                            + " and in " + f.location() + "; rename it in your file");
                }
            }
        }
    }

    /** "recipe:slack-alert", "route:inbound-webhooks", ... for each top-level element with an id. */
    private static List<String> ids(RouteFile f, List<String> problems) {
        List<String> ids = new ArrayList<>();
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(f.content(),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            problems.add(f.location() + " is not valid YAML: " + e.getMessage());
            return ids;
        }
        // A Kamelet: one document, a recipe named by metadata.name.
        if (document instanceof Map<?, ?> kamelet && "Kamelet".equals(kamelet.get("kind"))) {
            if (kamelet.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String name) {
                ids.add("recipe:" + name);
            }
            return ids;
        }
        if (!(document instanceof List<?> elements)) return ids;
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> map)) continue;
            map.forEach((kind, body) -> {
                if (body instanceof Map<?, ?> definition && definition.get("id") instanceof String id) {
                    String what = switch (String.valueOf(kind)) {
                        case "routeTemplate", "template" -> "recipe";
                        case "routeConfiguration" -> "route configuration";
                        default -> String.valueOf(kind);
                    };
                    ids.add(what + ":" + id);
                }
            });
        }
        return ids;
    }
}
