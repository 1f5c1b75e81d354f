package io.hookline.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.store.HooklineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --hookline.check-only}: the whole configuration checked as a start would, then exit 0 or 1,
 * with no port opened and the configured database untouched. Runs from a directory outside the
 * checkout, as a user's CI pipeline would.
 */
class CheckOnlyIT {

    @TempDir
    Path temp;

    private int check(String name, List<String> arguments) throws Exception {
        Path jar = HooklineProcess.copyJar(temp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--hookline.check-only"));
        command.addAll(arguments);
        Files.createDirectories(HooklineProcess.LOGS);
        Process p = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(HooklineProcess.LOGS.resolve(name + ".log").toAbsolutePath().toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("check finished").isTrue();
        return p.exitValue();
    }

    private static String log(String name) throws Exception {
        return Files.readString(HooklineProcess.LOGS.resolve(name + ".log"));
    }

    @Test
    void aGoodConfigurationPassesWithoutPortOrDatabase() throws Exception {
        Path automations = temp.resolve("automations.yaml");
        Files.writeString(automations, """
                automations:
                  - name: note
                    on: impact/program_application.rejected
                    recipe: log
                    with:
                      message: "rejected {{data.offeringApplicationId}}"
                """);
        Path db = temp.resolve("must-not-exist");
        int status = check("check-ok", List.of("--hookline.sources.impact.provider=impact",
                "--hookline.sources.impact.secrets[0]=0123456789abcdef0123",
                "--hookline.automations.files=" + automations,
                // A production database with a schema of its own: the scratch database has only PUBLIC.
                "--spring.flyway.schemas=hookline", "--spring.flyway.default-schema=hookline",
                "--spring.datasource.url=jdbc:h2:file:" + db.toAbsolutePath()));
        String log = log("check-ok");
        assertThat(status).as(log).isZero();
        assertThat(log).contains("Configuration OK: 1 source(s), 1 automation(s)").doesNotContain("Tomcat started");
        try (var files = Files.list(temp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("must-not-exist"));
        }
    }

    @Test
    void aBrokenConfigurationFailsNamingEveryProblem() throws Exception {
        int status = check("check-broken", List.of("--hookline.sources.impact.provider=impact",
                "--hookline.sources.impact.secrets[0]=${HOOKLINE_IT_UNSET_SECRET}",
                "--hookline.routes-location=" + temp.resolve("no-such-dir")));
        String log = log("check-broken");
        assertThat(status).isEqualTo(1);
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("hookline.sources.impact.secrets[0] uses ${HOOKLINE_IT_UNSET_SECRET}, which is not set");
    }
}
