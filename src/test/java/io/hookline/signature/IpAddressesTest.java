package io.hookline.signature;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.net.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals only, and never a name lookup. */
class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "192.0.2.1", "0.0.0.0", "255.255.255.255", " 192.0.2.1 ",
            "::", "::1", "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:DB8::1",
            "[2001:db8::1]", "::ffff:192.0.2.1", "fe80::1"
    })
    void literalsAreLiterals(String text) {
        assertThat(IpAddresses.isLiteral(text)).isTrue();
        assertThat(IpAddresses.parse(text)).isNotNull();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "", "   ", "example.com", "localhost", "gleam.io", "1.2.3", "1.2.3.4.5", "1..2.3", "....",
            "1.2.3.", ".1.2.3", "2001:db8::zz", "192.0.2.1/24", "192.0.2.1, 10.0.0.1", "[]", "[192.0.2.1"
    })
    void otherTextIsNotALiteral(String text) {
        assertThat(IpAddresses.isLiteral(text)).isFalse();
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @Test
    void parsesToTheSameAddressWhateverTheForm() throws Exception {
        InetAddress canonical = InetAddress.getByAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        assertThat(IpAddresses.parse("2001:db8::1")).isEqualTo(canonical);
        assertThat(IpAddresses.parse("2001:0DB8:0:0:0:0:0:0001")).isEqualTo(canonical);
        assertThat(IpAddresses.parse("[2001:db8::1]")).isEqualTo(canonical);
        assertThat(IpAddresses.parse("192.0.2.1").getAddress()).containsExactly(192, 0, 2, 1);
    }

    // --- never a name lookup --------------------------------------------------------------------
    //
    // The JVM's name service is pointed (in a child JVM, since it is fixed at start-up) at a hosts file
    // mapping each text below to a loopback address: if IpAddresses ever asks the name service, the text
    // "parses" to that address instead of null. With the system resolver, the same call is a DNS query.

    @Test
    void hostNamesAreNeverLookedUp(@TempDir Path dir) throws Exception {
        assertThat(lookedUp(dir, "example.com", "localhost", "gleam.io", "1.2.3", "hooks.example.org"))
                .as("texts that IpAddresses resolved through the name service (text -> address)")
                .isEmpty();
    }

    @Test
    void theProbeReallyUsesTheHostsFile(@TempDir Path dir) throws Exception {
        // Control for the two tests around: the child JVM's name service answers from the hosts file.
        assertThat(lookedUp(dir, Probe.RESOLVE + "example.com", Probe.RESOLVE + "256.1.1.1"))
                .containsEntry(Probe.RESOLVE + "example.com", "example.com/127.0.0.2")
                .containsEntry(Probe.RESOLVE + "256.1.1.1", "256.1.1.1/127.0.0.3");
    }

    @Test
    void malformedLiteralsAreNeverLookedUp(@TempDir Path dir) throws Exception {
        // Dotted quads out of range pass the [0-9.]+ pre-check; anything with a ':' that does not start with a
        // hex digit (host:port) passes the contains(":") pre-check; InetAddress.getByName then treats both as
        // host names and asks the resolver.
        assertThat(lookedUp(dir, "256.1.1.1", "999.999.999.999", "300.0.0.1",
                "gleam.io:443", "hooks.example.org:8080", "[gleam.io:443]", "localhost:80"))
                .as("texts that IpAddresses resolved through the name service (text -> address)")
                .isEmpty();
    }

    /** Runs {@link Probe} in a child JVM with a hosts file mapping every text; returns those that resolved. */
    private static Map<String, String> lookedUp(Path dir, String... texts) throws IOException, InterruptedException {
        Path hosts = dir.resolve("hosts");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            String name = texts[i].startsWith(Probe.RESOLVE) ? texts[i].substring(Probe.RESOLVE.length()) : texts[i];
            if (name.startsWith("[")) name = name.substring(1, name.length() - 1);
            file.append("127.0.0.").append(i + 2).append(' ').append(name).append('\n');
        }
        Files.writeString(hosts, file.toString(), UTF_8);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djdk.net.hosts.file=" + hosts);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Probe.class.getName());
        command.addAll(List.of(texts));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("probe output: %s", out).isZero();

        Map<String, String> resolved = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String text = line.substring(0, tab);
            String result = line.substring(tab + 1).trim();
            if (!result.equals("null")) resolved.put(text, result);
        }
        assertThat(out.split("\n")).as("probe output: %s", out).hasSizeGreaterThanOrEqualTo(texts.length);
        return resolved;
    }

    /**
     * Child-JVM entry point: prints "text TAB parse(text)" per argument, or for "resolve:name" the plain
     * InetAddress.getByName(name) (null when unknown), to check the hosts file is in effect.
     */
    public static final class Probe {
        static final String RESOLVE = "resolve:";

        public static void main(String[] args) {
            for (String text : args) {
                Object result;
                if (text.startsWith(RESOLVE)) {
                    try {
                        result = InetAddress.getByName(text.substring(RESOLVE.length()));
                    } catch (java.net.UnknownHostException e) {
                        result = null;
                    }
                } else {
                    result = IpAddresses.parse(text);
                }
                System.out.println(text + "\t" + result);
            }
        }
    }
}
