package io.hookline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Which YAML files Hookline loads: its own from the jar, then the user's, through symbolic links. */
class RouteFilesTest {

    @TempDir
    Path temp;

    private static final String ROUTE = """
            - route:
                id: %s
                from:
                  uri: direct:%s
                  steps:
                    - log: "hello"
            """;

    private static List<String> names(RouteFiles files) {
        return files.files().stream().map(RouteFiles.RouteFile::location).toList();
    }

    @Test
    void theShippedRoutesAndRecipesComeFromTheClasspathWithNothingOnDisk() {
        List<String> names = names(RouteFiles.resolve(List.of(), List.of()));
        assertThat(names).contains(
                "classpath:hookline/recipes/slack-alert.kamelet.yaml", "classpath:hookline/recipes/examples/discord-alert.kamelet.yaml");
        assertThat(names).as("the demo route only with the demo profile").noneMatch(n -> n.contains("demo"));
    }

    @Test
    void aDirectoryAddsItsYamlFilesAndSkipsTheRest() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("routes"));
        Files.writeString(dir.resolve("a.camel.yaml"), ROUTE.formatted("user-a", "a"));
        Files.writeString(dir.resolve("b.yaml"), ROUTE.formatted("user-b", "b"));
        Files.writeString(dir.resolve("README.md"), "not a route");
        Files.writeString(dir.resolve(".hidden.yaml"), ROUTE.formatted("hidden", "h"));
        List<String> names = names(RouteFiles.resolve(List.of(dir.toString()), List.of()));
        assertThat(names).contains("file:" + dir.resolve("a.camel.yaml"), "file:" + dir.resolve("b.yaml"))
                .noneMatch(n -> n.endsWith("README.md") || n.contains(".hidden"));
    }

    /** What a Kubernetes ConfigMap volume looks like: files are links into ..data, itself a link to a dated directory. */
    @Test
    void aConfigMapStyleDirectoryOfSymbolicLinksIsReadOnce() throws Exception {
        Path mount = Files.createDirectories(temp.resolve("mount"));
        Path dated = Files.createDirectories(mount.resolve("..2026_12_03_10_00_00.1"));
        Files.writeString(dated.resolve("enrich.camel.yaml"), ROUTE.formatted("cm-route", "cm"));
        Files.createSymbolicLink(mount.resolve("..data"), dated.getFileName());
        Files.createSymbolicLink(mount.resolve("enrich.camel.yaml"), Path.of("..data/enrich.camel.yaml"));
        // And the whole directory mounted through a link, as a deploy tool's "current" link does.
        Path current = Files.createSymbolicLink(temp.resolve("current"), mount);

        RouteFiles files = RouteFiles.resolve(List.of("file:" + current), List.of());
        List<RouteFiles.RouteFile> user = files.files().stream().filter(f -> !f.shipped()).toList();
        assertThat(user).hasSize(1);
        assertThat(new String(user.get(0).content(), StandardCharsets.UTF_8)).contains("cm-route");
    }

    @Test
    void aGlobSelectsFilesOfOneDirectory() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("g"));
        Files.writeString(dir.resolve("one.camel.yaml"), ROUTE.formatted("g-one", "g1"));
        Files.writeString(dir.resolve("two.yaml"), ROUTE.formatted("g-two", "g2"));
        List<String> names = names(RouteFiles.resolve(List.of("file:" + dir + "/*.camel.yaml"), List.of()));
        assertThat(names).contains("file:" + dir.resolve("one.camel.yaml")).doesNotContain("file:" + dir.resolve("two.yaml"));
    }

    @Test
    void aLocationThatDoesNotExistStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> RouteFiles.resolve(List.of("/nowhere/routes"), List.of()))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("hookline.routes-location[0]: '/nowhere/routes' does not exist");
        assertThatThrownBy(() -> RouteFiles.resolve(List.of(), List.of("file:/nowhere/recipes/*.camel.yaml")))
                .hasMessageContaining("hookline.automations.recipes-location[0]: 'file:/nowhere/recipes/*.camel.yaml' does not exist");
    }

    @Test
    void aUserRecipeWithAShippedRecipesIdNamesBothFiles() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("recipes"));
        Path mine = dir.resolve("my-slack.camel.yaml");
        Files.writeString(mine, """
                - routeTemplate:
                    id: slack-alert
                    parameters:
                      - name: text
                    from:
                      uri: "direct:automation.{{automation}}"
                      steps:
                        - log: "{{text}}"
                """);
        assertThatThrownBy(() -> RouteFiles.resolve(List.of(), List.of(dir.toString())))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("recipe 'slack-alert' is defined twice: in classpath:hookline/recipes/slack-alert.kamelet.yaml "
                        + "(shipped with Hookline) and in file:" + mine);
    }

    @Test
    void twoRoutesWithOneIdNameBothFiles() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("dup"));
        Files.writeString(dir.resolve("a.camel.yaml"), ROUTE.formatted("my-route", "x"));
        Files.writeString(dir.resolve("b.camel.yaml"), ROUTE.formatted("my-route", "y"));
        assertThatThrownBy(() -> RouteFiles.resolve(List.of(dir.toString()), List.of()))
                .hasMessageContaining("route 'my-route' is defined twice: in file:" + dir.resolve("a.camel.yaml")
                        + " and in file:" + dir.resolve("b.camel.yaml"));
    }

    @Test
    void invalidYamlNamesTheFile() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(dir.resolve("broken.camel.yaml"), "- route:\n    id: [unclosed\n");
        assertThatThrownBy(() -> RouteFiles.resolve(List.of(dir.toString()), List.of()))
                .hasMessageContaining("file:" + dir.resolve("broken.camel.yaml") + " is not valid YAML");
    }

    @Test
    void theDemoRoutesAreAClasspathLocation() {
        assertThat(names(RouteFiles.resolve(List.of("classpath:hookline/routes/demo/*.camel.yaml"), List.of())))
                .contains("classpath:hookline/routes/demo/demo.camel.yaml");
        assertThatThrownBy(() -> RouteFiles.resolve(List.of("classpath:nothing/here/*.yaml"), List.of()))
                .hasMessageContaining("matches nothing on the classpath");
    }

    /** Hookline 0.1 gave routes a CloudEvent: its paths read null now, and start-up says what to write instead. */
    @Test
    void aRouteReadingTheOldCloudEventBodyIsWarnedAboutNamingTheFileAndTheNewPath() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("old"));
        Path old = dir.resolve("old.camel.yaml");
        Files.writeString(old, """
                - route:
                    id: old-route
                    from:
                      uri: direct:impact.program_application.rejected
                      steps:
                        - log: "Rejected: ${body[data][data][reason]}"
                        - log: "Delivery ${body[deliveryid]} (CloudEvents ${body[specversion]})"
                """);
        Files.writeString(dir.resolve("new.camel.yaml"), """
                - route:
                    id: new-route
                    from:
                      uri: direct:impact.payment.received
                      steps:
                        - log: "${body[data][amount]} ${body[event][type]} ${body[payload][event]}"
                """);
        Logger logger = (Logger) LoggerFactory.getLogger(RouteFiles.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RouteFiles.resolve(List.of(dir.toString()), List.of());
        } finally {
            logger.detachAppender(appender);
        }
        List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(3).allMatch(w -> w.startsWith("file:" + old + " line "));
        assertThat(warnings.get(0)).contains("line 6 reads ${body[data][data]...}").contains("write ${body[data][x]}");
        assertThat(warnings.get(1)).contains("line 7 reads ${body[deliveryid]}").contains("write ${body[event][deliveryId]}");
        assertThat(warnings.get(2)).contains("line 7 reads ${body[specversion]}").contains("${body[event]}");
    }

    @Test
    void theShippedRoutesReadTheEventAsItIsNow() {
        RouteFiles files = RouteFiles.resolve(List.of("classpath:hookline/routes/demo/*.camel.yaml"), List.of());
        assertThat(files.files()).filteredOn(f -> !f.kamelet()).isNotEmpty()
                .allSatisfy(f -> assertThat(OldEventPaths.find(f)).as(f.location()).isEmpty());
    }
}
