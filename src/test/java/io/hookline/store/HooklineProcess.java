package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.hookline.support.Webhooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Hookline jar running as a separate JVM (for the failsafe *IT tests), with the demo
 * profile (its sources and secrets) on a free port and an H2 file database of the test's
 * choosing, with its output in target/it-logs/&lt;name&gt;.log. {@link #close()} kills it.
 */
public final class HooklineProcess implements AutoCloseable {

    public static final String TOKEN = "it-admin-token-0123456789";
    public static final Path LOGS = Path.of("target", "it-logs");

    public final String name;
    public final Process process;
    public final int port;
    public final Path log;
    public final Webhooks webhooks;

    private HooklineProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.webhooks = new Webhooks(port);
    }

    /**
     * A private copy of the packaged jar (-Dhookline.jar, set by failsafe) in {@code dir}: a
     * concurrent {@code mvn package} rewriting target/hookline.jar under a running JVM makes it
     * fail with NoClassDefFoundError.
     */
    public static Path copyJar(Path dir) throws IOException {
        Path copy = dir.resolve("hookline.jar");
        if (!Files.exists(copy)) {
            Path jar = Path.of(System.getProperty("hookline.jar", "target/hookline.jar"));
            assertThat(jar).as("the packaged jar (run mvn package first)").exists();
            Files.copy(jar, copy);
        }
        return copy;
    }

    /** Starts the jar on an H2 file database and waits until GET /actuator/health answers 200. */
    public static HooklineProcess start(String name, Path jar, Path db, List<String> extraArguments) throws Exception {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.datasource.url=jdbc:h2:file:" + db.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        arguments.addAll(extraArguments);
        return startWith(name, jar, arguments);
    }

    /** Starts the jar with these arguments (the database among them) and waits until it is healthy. */
    public static HooklineProcess startWith(String name, Path jar, List<String> arguments) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: starts about twice as fast on a busy machine; nothing here depends on C2.
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--spring.profiles.active=demo",
                "--server.port=" + port,
                "--hookline.admin-token=" + TOKEN));
        command.addAll(arguments);
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HooklineProcess hookline = new HooklineProcess(name, process, port, log);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(90);
        try {
            while (true) {
                if (!process.isAlive()) {
                    fail("Hookline (" + name + ") exited with " + process.exitValue()
                            + " before it was healthy:\n" + hookline.tail());
                }
                if (System.nanoTime() > deadline) {
                    fail("Hookline (" + name + ") not healthy within 90s:\n" + hookline.tail());
                }
                try {
                    if (hookline.webhooks.request("GET", "/actuator/health", null, null).statusCode() == 200) break;
                } catch (IllegalStateException notYet) {
                    // connection refused: still starting
                }
                Thread.sleep(200);
            }
        } catch (Throwable e) {
            hookline.close();
            throw e;
        }
        System.out.printf("%s healthy on port %d after %d ms%n", name, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return hookline;
    }

    public HttpResponse<String> admin(String method, String path) {
        return webhooks.request(method, path, null, TOKEN);
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hooks, no graceful stop, no H2 close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed process ended").isTrue();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    public String tail() {
        try {
            List<String> lines = logLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Runs the jar expecting it to stop by itself (a start-up that must fail); answers its exit status. */
    public static int runToExit(String name, Path jar, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--spring.profiles.active=demo",
                "--server.port=" + freePort()));
        command.addAll(arguments);
        Files.createDirectories(LOGS);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Hookline (" + name + ") was still running after 90 s; it should have refused to start");
        }
        return process.exitValue();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
