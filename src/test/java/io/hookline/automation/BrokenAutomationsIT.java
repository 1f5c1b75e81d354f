package io.hookline.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.store.HooklineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar refuses to start on a broken automation file, saying where and what. */
class BrokenAutomationsIT {

    @TempDir
    Path temp;

    @Test
    void startUpStopsNamingTheFileTheAutomationAndTheKey() throws Exception {
        Path file = temp.resolve("broken.yaml");
        Files.writeString(file, """
                automations:
                  - name: rejected-to-slack
                    on: impact/program_application.rejected
                    recipe: slack-alert
                    with:
                      webhookUrl: "{{env.HOOKLINE_IT_UNSET_WEBHOOK}}"
                  - name: deposit
                    on: impact/program_application.sponsor_approvd
                    recipe: stripe-checkout
                """);
        Path jar = HooklineProcess.copyJar(temp);
        long started = System.nanoTime();
        int status = HooklineProcess.runToExit("broken-automations", jar, List.of(
                "--spring.datasource.url=jdbc:h2:file:" + temp.resolve("db").toAbsolutePath(),
                "--hookline.automations.files=" + file));
        String log = Files.readString(HooklineProcess.LOGS.resolve("broken-automations.log"));
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(status).as("exit status").isNotZero();
        // Found before the HTTP port opens: no webhook was ever accepted, and nothing waits on a dispatch thread.
        assertThat(log).doesNotContain("Tomcat started").contains("APPLICATION FAILED TO START");
        assertThat(seconds).as("seconds from launch to exit").isLessThan(45);
        assertThat(log)
                .contains(file + ": automation 'rejected-to-slack': key 'with.text' is required by recipe 'slack-alert'")
                .contains(file + ": automation 'rejected-to-slack': key 'with.webhookUrl': {{env.HOOKLINE_IT_UNSET_WEBHOOK}}: "
                        + "no environment variable or property HOOKLINE_IT_UNSET_WEBHOOK is set")
                .contains(file + ": automation 'deposit': key 'on': unknown event 'program_application.sponsor_approvd' for source 'impact'")
                .contains("the automation files have 7 mistake(s)");
    }
}
