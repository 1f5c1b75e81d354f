package io.hookline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookline.processing.EventHeaders;
import io.hookline.support.Webhooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;

/**
 * The distribution as a user installs it: target/hookline-&lt;version&gt;.tar.gz unpacked outside the
 * checkout, {@code bin/hookline check} on the shipped configuration, then a configuration of the
 * test's own (a source whose secret comes from an environment variable, a route in routes/ calling
 * the example plugin's processor, a recipe in recipes/ used by conf/automations.yaml, the example
 * plugin compiled here and jarred into plugins/), {@code bin/hookline run} with its default
 * bounded-memory JVM options, a signed webhook through to both effects, the admin API and the
 * actuator port, {@code start}/{@code status}/{@code stop} on the same database, and
 * {@code check} refusing a broken configuration. On PostgreSQL (HOOKLINE_TEST_POSTGRES_URL) it
 * works in a schema of its own (created, then dropped at the end), so it never meets the other
 * suites' tables.
 * Not covered here: systemd and the container image (no Docker on CI's machines).
 */
class DistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final String TOKEN = "dist-it-admin-token-0123456789";
    private static final String SECRET = "dist-it-impact-signing-secret-42";
    private static final String SECRET_VARIABLE = "IT_IMPACT_SIGNING_SECRET";
    private static final String UNSET_VARIABLE = "HOOKLINE_IT_UNSET_SECRET";
    /** The catalogue's sample of Impact's payment.received: valid against its schema. */
    private static final String PAYMENT = """
            {"event":"payment.received","name":"Payments – Bookkeeping","version":"1.0","timestamp":"2025-05-01T18:22:00Z",\
            "data":{"paymentId":"pay_30017","offeringApplicationId":"app_12345","amount":250.0,"currency":"USD",\
            "payerEmail":"jordan@example.com","receivedAt":"2025-05-01T18:21:37Z"}}""";

    private final List<Process> processes = new ArrayList<>();

    @Test
    void installsRunsWithAPluginARouteAndARecipeAndChecksItsConfiguration() throws Exception {
        Path tarball = tarball();
        Path temp = Files.createTempDirectory("hookline-dist-it-");
        String schema = null;
        try {
            Path home = unpack(tarball, temp);
            Path out = Files.createDirectories(temp.resolve("out"));
            Path notes = Files.createDirectories(temp.resolve("notes"));

            // 1. The configuration as shipped is valid (and needs no variable set).
            Result shipped = script(home, "check-shipped", Map.of(), "check");
            assertThat(shipped.status).as("bin/hookline check on the shipped conf/:\n%s", shipped.output).isZero();
            assertThat(shipped.output).contains("Configuration OK: 0 source(s), 0 automation(s)");

            // 2. This test's installation.
            int port = freePort();
            int ingestPort = freePort();
            int managementPort = freePort();
            String postgresUrl = System.getenv("HOOKLINE_TEST_POSTGRES_URL");
            if (postgresUrl != null && !postgresUrl.isBlank()) {
                schema = "hookline_dist_it_" + HexFormat.of().formatHex(randomBytes(4));
                createSchema(schema);
            }
            Files.writeString(home.resolve("conf/hookline.yaml"), configuration(port, managementPort, postgresUrl, schema, "")
                    .replace("\nhookline:\n", "\nhookline:\n  inbound:\n    port: " + ingestPort + "\n"));
            Files.writeString(home.resolve("routes/it-greeting.yaml"), """
                    # DistributionIT: the example plugin's processor, then a file the test reads.
                    - route:
                        id: it-greeting
                        from:
                          uri: direct:it-impact.payment.received
                          steps:
                            - process:
                                ref: greetingProcessor
                            - setBody:
                                simple: "${header.HooklineGreeting}"
                            - to:
                                uri: "file:%s?fileName=route.txt"
                    """.formatted(out.toAbsolutePath()));
            Files.writeString(home.resolve("recipes/it-file-note.yaml"), """
                    # DistributionIT: a user's recipe, writing a note per event into a directory.
                    - routeTemplate:
                        id: it-file-note
                        description: Write a note about the event into a file.
                        parameters:
                          - name: directory
                            description: "Directory to write into."
                          - name: note
                            description: "The note, a template over the event."
                        route:
                          routeConfigurationId: hookline-recipe
                          from:
                            uri: "direct:automation.{{automation}}"
                            steps:
                              - setBody:
                                  simple: "${variable.note}"
                              - toD:
                                  uri: "file:${variable.directory}?fileName=note-${variable.event[id]}.txt"
                              - setVariable:
                                  name: result
                                  simple: "noted"
                    """);
            Files.writeString(home.resolve("conf/automations.yaml"), """
                    automations:
                      - name: it-payment-note
                        on: it-impact/payment.received
                        recipe: it-file-note
                        with:
                          directory: "%s"
                          note: "Payment {{data.paymentId}}: {{data.amount}} {{data.currency}}"
                    """.formatted(notes.toAbsolutePath()));
            Path plugin = buildPlugin(temp, home.resolve("plugins/hookline-greeting-plugin.jar"));
            assertThat(plugin).exists();

            Map<String, String> env = Map.of(SECRET_VARIABLE, SECRET, "HOOKLINE_ADMIN_TOKEN", TOKEN);

            // 3. check, through a symbolic link to bin/hookline (HOOKLINE_HOME is found through it).
            Path link = Files.createDirectories(temp.resolve("link")).resolve("hookline");
            Files.createSymbolicLink(link, home.resolve("bin/hookline"));
            Result checked = run(home, "check", env, link.toString(), "check");
            assertThat(checked.status).as("bin/hookline check:\n%s", checked.output).isZero();
            assertThat(checked.output).contains("Configuration OK: 1 source(s), 1 automation(s)");

            // 4. bin/hookline run: the default JVM options (-Xmx256m ...), plus C1 only to start faster.
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve("distribution.log");
            Process hookline = start(home, env, log, "run");
            Webhooks api = new Webhooks(port, ingestPort); // webhooks on the ingest port, as the template has it
            Webhooks management = new Webhooks(managementPort);
            awaitReady(hookline, management, log);

            HttpResponse<String> accepted = api.postImpact("it-impact", PAYMENT, SECRET, "dist-it-delivery-1");
            assertThat(accepted.statusCode()).as("signed webhook: %s", accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).get("id").asText();

            // The route in routes/ called the plugin's processor...
            Path routeFile = out.resolve("route.txt");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(routeFile) && Files.size(routeFile) > 0);
            assertThat(Files.readString(routeFile)).isEqualTo(
                    "Hello from the greeting plugin: it-impact sent payment.received about pay_30017 (event " + id + ")");
            // ... and the automation ran the recipe from recipes/.
            Path note = notes.resolve("note-" + id + ".txt");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(note) && Files.size(note) > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                fail("no note from the automation; the event: " + api.request("GET", "/api/events/" + id, null, TOKEN).body());
            }
            assertThat(Files.readString(note)).isEqualTo("Payment pay_30017: 250.0 USD");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode event = listed(api, id);
                assertThat(event).as("event %s in GET /api/events", id).isNotNull();
                assertThat(event.get("status").asText()).isEqualTo("processed");
            });
            assertThat(api.request("GET", "/api/events", null, null).statusCode()).as("API without the token").isEqualTo(401);

            // A demo source is not there: the demo is a profile, off in the distribution.
            HttpResponse<String> demo = api.postImpact("impact", PAYMENT, "demo-impact-secret", null);
            assertThat(demo.statusCode()).isEqualTo(404);
            assertThat(demo.body()).contains("unknown_source");

            // Actuator on its own port: health open, the rest behind the admin token.
            assertThat(management.request("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
            assertThat(management.request("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
            HttpResponse<String> metrics = management.request("GET", "/actuator/prometheus", null, TOKEN);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hookline_webhooks_accepted");

            // The H2 database is where the template puts it: data/ of the installation.
            if (schema == null) assertThat(home.resolve("data/hookline.mv.db")).exists();

            // SIGTERM (what systemd sends): a graceful stop.
            hookline.destroy();
            assertThat(hookline.waitFor(90, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(hookline.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

            // 5. start / status / stop on the same database: the event is still there.
            Result started = script(home, "start", env, "start");
            assertThat(started.status).as("bin/hookline start:\n%s", started.output).isZero();
            assertThat(home.resolve("run/hookline.pid")).exists();
            long pid = Long.parseLong(Files.readString(home.resolve("run/hookline.pid")).trim());
            ProcessHandle started1 = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
            try {
                awaitReady(null, management, home.resolve("logs/hookline.log"));
                assertThat(listed(api, id)).as("event %s after a restart", id).isNotNull();
                assertThat(script(home, "status", env, "status").status).isZero();
                Result stopped = script(home, "stop", env, "stop");
                assertThat(stopped.status).as("bin/hookline stop:\n%s", stopped.output).isZero();
                assertThat(stopped.output).contains("stopped");
                assertThat(started1.isAlive()).isFalse();
                assertThat(home.resolve("run/hookline.pid")).doesNotExist();
                assertThat(script(home, "status", env, "status").status).isEqualTo(3);
            } finally {
                started1.destroyForcibly();
                Files.copy(home.resolve("logs/hookline.log"), LOGS.resolve("distribution-start.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }

            // 6. check refuses a secret whose variable is not set, naming the key and the variable.
            Files.writeString(home.resolve("conf/hookline.yaml"), configuration(port, managementPort, postgresUrl, schema, """
                        it-broken:
                          provider: webconnex
                          secrets: ["${%s}"]
                    """.formatted(UNSET_VARIABLE)));
            Result broken = script(home, "check-broken", env, "check");
            assertThat(broken.status).as("bin/hookline check on a broken conf:\n%s", broken.output).isEqualTo(1);
            assertThat(broken.output).contains("hookline.sources.it-broken.secrets[0]").contains(UNSET_VARIABLE);
        } finally {
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            if (schema != null) dropSchema(schema);
            deleteRecursively(temp);
        }
    }

    /** conf/hookline.yaml for the test: H2 in the installation's data/, or PostgreSQL in a schema of its own. */
    private static String configuration(int port, int managementPort, String postgresUrl, String schema, String moreSources) {
        String database;
        if (schema == null) {
            database = """
                      datasource:
                        url: "jdbc:h2:file:${HOOKLINE_HOME}/data/hookline;DB_CLOSE_ON_EXIT=FALSE"
                        username: sa
                        password: ""
                    """;
        } else {
            String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            database = """
                      datasource:
                        url: "%s"
                        username: "${HOOKLINE_TEST_POSTGRES_USER}"
                        password: "${HOOKLINE_TEST_POSTGRES_PASSWORD}"
                    """.formatted(url);
        }
        return """
                spring:
                %s
                hookline:
                  admin-token: "${HOOKLINE_ADMIN_TOKEN}"
                  routes-location: ["${HOOKLINE_HOME}/routes"]
                  automations:
                    recipes-location: ["${HOOKLINE_HOME}/recipes"]
                    files: ["${HOOKLINE_HOME}/conf/automations.yaml"]
                  plugins:
                    scan-packages: [org.example.hookline]
                  sources:
                    it-impact:
                      provider: impact
                      secrets: ["${%s}"]
                %s
                server:
                  port: %d
                management:
                  server:
                    port: %d
                """.formatted(database.stripTrailing(), SECRET_VARIABLE, moreSources.stripTrailing(), port, managementPort);
    }

    /**
     * examples/plugin/src/main/java compiled against this test's classpath (Hookline's classes,
     * Camel, Spring), jarred as a user's build would.
     */
    private static Path buildPlugin(Path temp, Path jar) throws IOException {
        Path sources = Path.of("examples", "plugin", "src", "main", "java");
        assertThat(sources).as("the example plugin's sources").isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Path classes = Files.createDirectories(temp.resolve("plugin-classes"));
        // The test's classpath (a manifest-only jar under failsafe), plus where the API classes are.
        List<String> classpath = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        for (Class<?> c : List.of(EventHeaders.class, Processor.class, org.springframework.stereotype.Component.class)) {
            classpath.add(Path.of(toUri(c)).toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, UTF_8)) {
            boolean ok = compiler.getTask(null, fm, diagnostics,
                    List.of("--release", "17", "-d", classes.toString(),
                            "-classpath", String.join(java.io.File.pathSeparator, classpath)),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("the example plugin compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> s = Files.walk(classes)) {
            // Directory entries too, as Maven's and Gradle's jars have: Spring's component scan
            // finds a package in a jar through its directory entry.
            for (Path p : s.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static java.net.URI toUri(Class<?> c) {
        try {
            return c.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tarball() throws IOException {
        String configured = System.getProperty("hookline.dist");
        if (configured != null) {
            Path p = Path.of(configured);
            assertThat(p).as("the distribution (run mvn package first)").exists();
            return p;
        }
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("hookline-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/hookline-*.tar.gz: run mvn package first"));
        }
    }

    /** tar keeps the archive's file modes (bin/hookline is executable), as a user's tar does. */
    private Path unpack(Path tarball, Path into) throws Exception {
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), UTF_8);
        assertThat(tar.waitFor()).as("tar: %s", output).isZero();
        try (Stream<Path> s = Files.list(into)) {
            List<Path> dirs = s.filter(p -> p.getFileName().toString().startsWith("hookline-")).toList();
            assertThat(dirs).as("one hookline-<version>/ directory in the archive").hasSize(1);
            Path home = dirs.get(0);
            for (String d : List.of("bin/hookline", "lib/hookline.jar", "conf/hookline.yaml", "conf/automations.yaml",
                    "routes", "recipes", "plugins", "logs", "systemd/hookline.service", "Dockerfile", "compose.yaml")) {
                assertThat(home.resolve(d)).as(d).exists();
            }
            assertThat(Files.isExecutable(home.resolve("bin/hookline"))).as("bin/hookline is executable").isTrue();
            return home;
        }
    }

    private record Result(int status, String output) {}

    private Result script(Path home, String name, Map<String, String> env, String... arguments) throws Exception {
        return run(home, name, env, home.resolve("bin/hookline").toString(), arguments);
    }

    /** Runs bin/hookline (or a link to it) to its end; output in target/it-logs/distribution-<name>.log. */
    private Result run(Path home, String name, Map<String, String> env, String script, String... arguments) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve("distribution-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(arguments));
        Process p = processBuilder(env, command).redirectOutput(log.toFile()).start();
        processes.add(p);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            fail("bin/hookline " + String.join(" ", arguments) + " still running after 180 s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private Process start(Path home, Map<String, String> env, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/hookline").toString()));
        command.addAll(List.of(arguments));
        Process p = processBuilder(env, command).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * The environment a user's shell would give: JAVA_HOME (this JVM's), the test's variables,
     * no HOOKLINE_HOME (the script finds it), HOOKLINE_CDS=off (the training run costs more than
     * it saves in a test), JAVA_OPTS adding only C1 to the default memory options.
     */
    private static ProcessBuilder processBuilder(Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.remove("HOOKLINE_HOME");
        e.keySet().removeIf(k -> k.startsWith("HOOKLINE_") && !k.startsWith("HOOKLINE_TEST_"));
        e.put("JAVA_HOME", System.getProperty("java.home"));
        e.put("HOOKLINE_CDS", "off");
        e.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        e.putAll(env);
        return pb;
    }

    private static void awaitReady(Process process, Webhooks management, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (true) {
            if (process != null && !process.isAlive()) {
                fail("bin/hookline run exited with " + process.exitValue() + " before it was ready:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) fail("not ready within 150 s:\n" + tail(log));
            try {
                if (management.request("GET", "/actuator/health/readiness", null, null).statusCode() == 200) return;
            } catch (IllegalStateException notYet) {
                // connection refused: still starting
            }
            Thread.sleep(250);
        }
    }

    /** The event as GET /api/events?source=it-impact lists it, or null. */
    private static JsonNode listed(Webhooks api, String id) throws IOException {
        HttpResponse<String> list = api.request("GET", "/api/events?source=it-impact", null, TOKEN);
        assertThat(list.statusCode()).as("GET /api/events: %s", list.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(list.body());
        JsonNode events = body.isArray() ? body : body.path("events");
        for (JsonNode e : events) {
            if (id.equals(e.path("id").asText())) return e;
        }
        return null;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * A schema of the test's own, which the connection uses through currentSchema= and Flyway
     * migrates as the connection's current schema: the other suites' tables in the same database
     * are never seen. (Not spring.flyway.schemas: bin/hookline check runs on H2 in memory, where
     * that setting would put the tables in a schema the application does not read.)
     */
    private static void createSchema(String schema) throws Exception {
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    private static Connection postgres() throws Exception {
        return DriverManager.getConnection(System.getenv("HOOKLINE_TEST_POSTGRES_URL"),
                System.getenv("HOOKLINE_TEST_POSTGRES_USER"), System.getenv("HOOKLINE_TEST_POSTGRES_PASSWORD"));
    }

    private static void dropSchema(String schema) {
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            System.err.println("could not drop schema " + schema + ": " + e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
