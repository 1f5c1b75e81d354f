package io.hookline.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hookline.net.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound SSRF guard. No test depends on real DNS: names are answered by an injected
 * {@link UrlPolicy.Resolver}; the only real resolutions are IP literals and "localhost".
 */
class UrlPolicyTest {

    private static final String ALLOWED_NETWORKS = "hookline.outbound.allowed-networks";
    private static final String ALLOW_HTTP = "hookline.outbound.allow-http";

    /** For literals: a lookup would be a bug. */
    private static final UrlPolicy.Resolver NO_LOOKUP = host -> {
        throw new AssertionError("unexpected name lookup for " + host);
    };

    private static InetAddress ip(String literal) {
        InetAddress address = IpAddresses.parse(literal);
        assertThat(address).as(literal).isNotNull();
        return address;
    }

    /** A resolver answering from a fixed table, counting lookups. */
    private static final class Table implements UrlPolicy.Resolver {
        final Map<String, List<String>> answers;
        final AtomicInteger lookups = new AtomicInteger();

        Table(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            List<String> answer = answers.get(host);
            if (answer == null) throw new UnknownHostException(host);
            return answer.stream().map(UrlPolicyTest::ip).toArray(InetAddress[]::new);
        }
    }

    private static UrlPolicy policy(String... allowed) {
        return new UrlPolicy(List.of(allowed), false, NO_LOOKUP);
    }

    private static String urlFor(String literal) {
        return literal.indexOf(':') >= 0 ? "https://[" + literal + "]/hook" : "https://" + literal + "/hook";
    }

    private static UrlRefusedException refusal(UrlPolicy policy, String url) {
        try {
            policy.check(URI.create(url));
        } catch (UrlRefusedException e) {
            return e;
        }
        throw new AssertionError(url + " was not refused");
    }

    // --- every refused range, refused and then permitted by the allow-list ------------------------

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                | a loopback address                             | 127.0.0.0/8
            127.255.255.254          | a loopback address                             | 127.0.0.0/8
            0.0.0.0                  | an unspecified ("this network") address        | 0.0.0.0/8
            0.1.2.3                  | an unspecified ("this network") address        | 0.0.0.0/8
            10.0.0.5                 | a private address                              | 10.0.0.5
            10.255.255.255           | a private address                              | 10.0.0.0/8
            172.16.0.1               | a private address                              | 172.16.0.0/12
            172.31.255.255           | a private address                              | 172.16.0.0/12
            192.168.1.1              | a private address                              | 192.168.0.0/16
            100.64.0.1               | a carrier-grade NAT (shared) address           | 100.64.0.0/10
            100.127.255.255          | a carrier-grade NAT (shared) address           | 100.64.0.0/10
            169.254.169.254          | a link-local address (the cloud metadata service) | 169.254.169.254/32
            169.254.0.1              | a link-local address                           | 169.254.0.0/16
            192.0.0.8                | an IETF protocol assignment address            | 192.0.0.0/24
            198.18.0.1               | a benchmarking address                         | 198.18.0.0/15
            198.19.255.255           | a benchmarking address                         | 198.18.0.0/15
            192.0.2.1                | a documentation address                        | 192.0.2.0/24
            198.51.100.7             | a documentation address                        | 198.51.100.0/24
            203.0.113.9              | a documentation address                        | 203.0.113.0/24
            224.0.0.1                | a multicast address                            | 224.0.0.0/4
            239.255.255.250          | a multicast address                            | 224.0.0.0/4
            255.255.255.255          | the broadcast address                          | 255.255.255.255/32
            240.0.0.1                | a reserved address                             | 240.0.0.0/4
            ::1                      | the loopback address                           | ::1/128
            ::                       | the unspecified address                        | ::/128
            fe80::1                  | a link-local address                           | fe80::/10
            febf:ffff::1             | a link-local address                           | fe80::/10
            fc00::1                  | a unique local address                         | fc00::/7
            fd12:3456::1             | a unique local address                         | fd00::/8
            fec0::1                  | a site-local address                           | fec0::/10
            ff02::1                  | a multicast address                            | ff00::/8
            2001:db8::1              | a documentation address                        | 2001:db8::/32
            3fff::1                  | a documentation address                        | 3fff::/20
            2001::1                  | an IETF protocol assignment address (such as Teredo) | 2001::/32
            100::1                   | a discard-only address                         | 100::/64
            64:ff9b:1::1             | a local-use NAT64 address                      | 64:ff9b:1::/48
            4000::1                  | not a global unicast address (outside 2000::/3) | 4000::/2
            ::ffff:10.0.0.1          | the IPv4 address 10.0.0.1, which is a private address | 10.0.0.0/8
            ::ffff:127.0.0.1         | the IPv4 address 127.0.0.1, which is a loopback address | ::ffff:127.0.0.0/104
            ::ffff:7f00:1            | the IPv4 address 127.0.0.1, which is a loopback address | 127.0.0.1
            0:0:0:0:0:ffff:a9fe:a9fe | the IPv4 address 169.254.169.254, which is a link-local address (the cloud metadata service) | 169.254.169.254
            ::ffff:0:10.0.0.1        | an IPv4-translated address embedding 10.0.0.1, which is a private address | 10.0.0.0/8
            ::127.0.0.1              | an IPv4-compatible address embedding 127.0.0.1, which is a loopback address | 127.0.0.0/8
            ::10.0.0.1               | an IPv4-compatible address embedding 10.0.0.1, which is a private address | ::10.0.0.1/128
            64:ff9b::10.0.0.1        | a NAT64 address embedding 10.0.0.1, which is a private address | 10.0.0.0/8
            64:ff9b::a9fe:a9fe       | a NAT64 address embedding 169.254.169.254, which is a link-local address (the cloud metadata service) | 64:ff9b::/96
            2002:a00:1::1            | a 6to4 address embedding 10.0.0.1, which is a private address | 10.0.0.0/8
            2002:7f00:1::            | a 6to4 address embedding 127.0.0.1, which is a loopback address | 2002:7f00::/24
            """)
    void refusedUnlessAllowListed(String literal, String what, String allowEntry) throws Exception {
        String url = urlFor(literal);
        InetAddress address = ip(literal);

        UrlRefusedException refused = refusal(policy(), url);
        assertThat(refused.getMessage())
                .startsWith(url + " is refused: " + literal + " is " + what)
                .endsWith("(add it to " + ALLOWED_NETWORKS + " to permit it)");
        assertThat(policy().allowed(address)).isFalse();
        assertThatThrownBy(() -> policy().dnsResolver().resolve(literal))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining(what)
                .hasMessageContaining(ALLOWED_NETWORKS);

        UrlPolicy allowing = policy(allowEntry);
        assertThatCode(() -> allowing.check(URI.create(url))).doesNotThrowAnyException();
        assertThat(allowing.allowed(address)).isTrue();
        assertThat(allowing.dnsResolver().resolve(literal)).containsExactly(address);
        assertThat(allowing.dnsResolver().resolve("[" + literal + "]")).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "93.184.215.14", "11.0.0.0", "126.255.255.255", "128.0.0.0",
            "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0",
            "192.0.1.255", "192.0.3.0", "192.88.99.1", "192.167.255.255", "192.169.0.0", "198.17.255.255",
            "198.20.0.0", "223.255.255.255",
            "2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "2001:200::1", "2001:db7:ffff::1", "3fff:1000::1",
            "::ffff:8.8.8.8", "::ffff:808:808", "64:ff9b::8.8.8.8", "::8.8.8.8", "2002:808:808::1"
    })
    void publicAddressesArePermitted(String literal) throws Exception {
        InetAddress address = ip(literal);
        assertThatCode(() -> policy().check(URI.create(urlFor(literal)))).doesNotThrowAnyException();
        assertThat(policy().allowed(address)).isTrue();
        assertThat(policy().dnsResolver().resolve(literal)).containsExactly(address);
    }

    @Test
    void anAllowListEntryPermitsOnlyWhatItCovers() {
        UrlPolicy policy = policy("127.0.0.1", "10.1.0.0/16", "fd00::/8");
        assertThat(policy.allowed(ip("127.0.0.1"))).isTrue();
        assertThat(policy.allowed(ip("127.0.0.2"))).isFalse();
        assertThat(policy.allowed(ip("10.1.255.255"))).isTrue();
        assertThat(policy.allowed(ip("10.2.0.0"))).isFalse();
        assertThat(policy.allowed(ip("fd00::1"))).isTrue();
        assertThat(policy.allowed(ip("fc00::1"))).isFalse();
        assertThat(policy.allowed(ip("::1"))).isFalse();
        assertThat(policy.allowed(ip("::ffff:127.0.0.1"))).as("mapped form of an allowed address").isTrue();
        assertThat(policy.allowed(ip("64:ff9b::10.1.2.3"))).as("NAT64 form of an allowed address").isTrue();

        UrlPolicy allIpv4 = policy("0.0.0.0/0");
        assertThat(allIpv4.allowed(ip("127.0.0.1"))).isTrue();
        assertThat(allIpv4.allowed(ip("::1"))).as("0.0.0.0/0 is IPv4 only").isFalse();
        assertThat(policy("::/0").allowed(ip("::1"))).isTrue();
        assertThat(policy("::/0").allowed(ip("10.0.0.1"))).isTrue();
    }

    @Test
    void anIpv6AddressHoldingMappedBytesIsJudgedAsTheIpv4Address() throws Exception {
        byte[] mapped = ip("::ffff:10.0.0.1").getAddress(); // the JDK returns an Inet4Address for the literal...
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(mapped, 0, bytes, 12, 4);
        InetAddress inet6 = java.net.Inet6Address.getByAddress(null, bytes, -1); // ...but a resolver may not
        assertThat(inet6).isInstanceOf(java.net.Inet6Address.class);
        assertThat(policy().allowed(inet6)).isFalse();
        assertThat(policy("10.0.0.0/8").allowed(inet6)).isTrue();
    }

    // --- messages -------------------------------------------------------------------------------

    @Test
    void messagesSayWhyAndWhichSettingWouldPermitIt() {
        assertThat(refusal(policy(), "https://10.0.0.5/x").getMessage()).isEqualTo(
                "https://10.0.0.5/x is refused: 10.0.0.5 is a private address"
                        + " (add it to hookline.outbound.allowed-networks to permit it)");
        assertThat(refusal(policy(), "http://x").getMessage()).isEqualTo(
                "http://x is refused: only https URLs are allowed"
                        + " (set hookline.outbound.allow-http=true to permit plain HTTP)");
        UrlPolicy named = new UrlPolicy(List.of(), false, new Table(Map.of("hooks.example", List.of("10.0.0.5"))));
        assertThat(refusal(named, "https://hooks.example/in").getMessage()).isEqualTo(
                "https://hooks.example/in is refused: hooks.example resolves to 10.0.0.5, which is a private address"
                        + " (add 10.0.0.5 to hookline.outbound.allowed-networks to permit it)");
    }

    @Test
    void messagesLeaveOutQueryFragmentAndCredentials() {
        String message = refusal(policy(), "https://10.0.0.5:8443/x?token=s3cret#frag").getMessage();
        assertThat(message).startsWith("https://10.0.0.5:8443/x is refused").doesNotContain("s3cret").doesNotContain("frag");
        message = refusal(policy(), "https://alice:s3cret@hooks.example/x").getMessage();
        assertThat(message).startsWith("https://***@hooks.example/x is refused").doesNotContain("s3cret").doesNotContain("alice");
    }

    // --- scheme, user-info, host, relative --------------------------------------------------------

    @Test
    void httpsOnlyUnlessAllowHttp() throws Exception {
        Table dns = new Table(Map.of("hooks.example", List.of("93.184.215.14")));
        UrlPolicy httpsOnly = new UrlPolicy(List.of(), false, dns);
        UrlPolicy httpToo = new UrlPolicy(List.of(), true, dns);

        httpsOnly.check(URI.create("https://hooks.example/x"));
        httpsOnly.check(URI.create("HTTPS://hooks.example/x"));
        assertThat(refusal(httpsOnly, "http://hooks.example/x").getMessage()).contains(ALLOW_HTTP + "=true");
        assertThat(refusal(httpsOnly, "HTTP://hooks.example/x").getMessage()).contains(ALLOW_HTTP + "=true");
        httpToo.check(URI.create("http://hooks.example/x"));

        assertThat(refusal(httpToo, "http://10.0.0.5/x").getMessage())
                .as("allow-http opens the scheme, not the addresses").contains("private address").contains(ALLOWED_NETWORKS);
        assertThat(refusal(policy("10.0.0.0/8"), "http://10.0.0.5/x").getMessage())
                .as("the allow-list opens the addresses, not the scheme").contains(ALLOW_HTTP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://hooks.example/x", "file:///etc/passwd", "gopher://hooks.example/", "ws://hooks.example/",
            "jar:https://hooks.example/x.jar!/", "javascript:alert(1)", "mailto:ops@hooks.example"
    })
    void otherSchemesAreRefused(String url) {
        assertThat(refusal(new UrlPolicy(List.of(), true, NO_LOOKUP), url).getMessage())
                .contains("is refused: only http and https URLs are allowed");
        assertThat(refusal(policy(), url).getMessage()).contains("is refused: only https URLs are allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://alice:s3cret@hooks.example/x", "https://alice@hooks.example/x", "https://@hooks.example/x",
            "https://hooks.example@127.0.0.1/x", "https://user@8.8.8.8/"
    })
    void userInfoIsRefused(String url) {
        assertThat(refusal(policy("0.0.0.0/0", "::/0"), url).getMessage())
                .contains("is refused: user-info (a name or password before the host) is not allowed in the URL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https:///x                    | it has no host
            https://:443/x                | it has no host
            https://my_host.example/x     | my_host.example is not a valid host name
            https://-bad-.example/x       | -bad-.example is not a valid host name
            https://a..b/x                | a..b is not a valid host name
            https://bücher.example/x      | bücher.example is not a valid host name (write internationalised names in their xn-- form)
            https://[fe80::1%25eth0]/x    | fe80::1%25eth0 is not a valid IPv6 address (zone IDs are not supported)
            https://hooks.example:99999/x | port 99999 is out of range
            """)
    void aValidHostIsRequired(String url, String why) {
        assertThat(refusal(policy("0.0.0.0/0", "::/0"), url).getMessage()).endsWith(" is refused: " + why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /hooks/in           | /hooks/in
            hooks.example/in    | hooks.example/in
            //hooks.example/in  | //hooks.example/in
            10.0.0.5            | 10.0.0.5
            hooks.example/in?t=1 | hooks.example/in
            ?token=s3cret       | The URL
            """)
    void relativeUrlsAreRefused(String url, String shown) {
        assertThat(refusal(policy("0.0.0.0/0", "::/0"), url).getMessage())
                .isEqualTo(shown + " is refused: it is not an absolute URL (it must start with https://)");
    }

    @Test
    void opaqueUrlsAndNullAreRefused() {
        assertThat(refusal(policy(), "https:hooks.example/x").getMessage())
                .isEqualTo("https:hooks.example/x is refused: it is not an absolute URL with a host (it must start with https://)");
        assertThat(refusal(policy(), "http:hooks.example/x").getMessage()).contains(ALLOW_HTTP);
        assertThat(refusal(new UrlPolicy(List.of(), true, NO_LOOKUP), "http:hooks.example/x").getMessage())
                .endsWith("it is not an absolute URL with a host (it must start with https://)");
        assertThatThrownBy(() -> policy().check(null)).isInstanceOf(UrlRefusedException.class).hasMessageContaining("No URL");
        assertThatThrownBy(() -> policy().check(URI.create(""))).isInstanceOf(UrlRefusedException.class).hasMessageContaining("No URL");
    }

    // --- numeric host tricks --------------------------------------------------------------------

    /** What the JDK does with such hosts, and why they are refused rather than interpreted. */
    @Test
    void theJdkReadsNumericHostsInItsOwnWay() throws Exception {
        assertThat(URI.create("http://2130706433/").getHost()).isEqualTo("2130706433");
        assertThat(InetAddress.getAllByName("2130706433")).containsExactly(ip("127.0.0.1")); // no lookup
        assertThat(InetAddress.getAllByName("127.1")).containsExactly(ip("127.0.0.1"));
        // Decimal with leading zeros in Java; inet_aton (curl, glibc, proxies) reads 0177 as octal 127.
        assertThat(InetAddress.getAllByName("0177.0.0.1")).containsExactly(ip("177.0.0.1"));
        assertThat(InetAddress.getAllByName("010.0.0.1")).containsExactly(ip("10.0.0.1"));
        // Hosts the URI grammar cannot hold as a host name: getHost() is null, the authority keeps them.
        assertThat(URI.create("http://0x7f.1/").getHost()).isNull();
        assertThat(URI.create("http://127.1/").getHost()).isNull();
        assertThat(URI.create("http://0x7f000001/").getHost()).isEqualTo("0x7f000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2130706433", "0x7f000001", "0X7F000001", "0177.0.0.1", "010.0.0.1", "0", "0x0", "127.000.000.001",
            "3232235777", "0xa9fea9fe", "2852039166", "134744072", "0x08080808", "1.0x7f", "hooks.example.123",
            "0x7f.1", "127.1", "0x7f.0.0.1", "0177.1", "127.0.0.1.", "10.0.0.1.", "1.2.3.4.5"
    })
    void numericHostFormsAreRefusedWhateverTheAllowList(String host) {
        UrlPolicy openAllowList = new UrlPolicy(List.of("0.0.0.0/0", "::/0"), false, NO_LOOKUP);
        assertThat(refusal(openAllowList, "https://" + host + "/hook").getMessage())
                .isEqualTo("https://" + host + "/hook is refused: " + host + " is not a canonical IP address"
                        + " (numeric hosts such as 2130706433, 0x7f.1 or 0177.0.0.1 are read differently by different"
                        + " software; write the address as four decimal numbers without leading zeros)");
        assertThatThrownBy(() -> openAllowList.dnsResolver().resolve(host))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("not a canonical IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f.example", "1.2.3.4.example", "10.example.com", "123abc.example"})
    void namesThatMerelyContainDigitsAreResolved(String host) {
        Table dns = new Table(Map.of(host, List.of("10.0.0.1")));
        assertThat(refusal(new UrlPolicy(List.of(), false, dns), "https://" + host + "/").getMessage())
                .contains(host + " resolves to 10.0.0.1, which is a private address");
        assertThat(dns.lookups).hasValue(1);
    }

    @Test
    void literalsAreNeverLookedUp() throws Exception {
        // NO_LOOKUP fails the test on any lookup
        policy().check(URI.create("https://8.8.8.8/x"));
        policy().check(URI.create("https://[2606:4700:4700::1111]:8443/x"));
        assertThat(policy().dnsResolver().resolve("2606:4700:4700::1111")).containsExactly(ip("2606:4700:4700::1111"));
    }

    // --- names ----------------------------------------------------------------------------------

    @Test
    void everyAddressOfANameMustBeAllowed() throws Exception {
        Table dns = new Table(Map.of(
                "public.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
                "mixed.example", List.of("93.184.215.14", "10.0.0.7"),
                "mixed-first.example", List.of("192.168.0.7", "93.184.215.14"),
                "mixed-v6.example", List.of("93.184.215.14", "fd00::7"),
                "metadata.google.internal", List.of("169.254.169.254"),
                "localhost", List.of("127.0.0.1", "::1")));
        UrlPolicy policy = new UrlPolicy(List.of(), false, dns);

        policy.check(URI.create("https://public.example/x"));
        assertThat(policy.dnsResolver().resolve("public.example")).hasSize(2);
        assertThat(refusal(policy, "https://mixed.example/x").getMessage())
                .contains("mixed.example resolves to 10.0.0.7, which is a private address (add 10.0.0.7 to " + ALLOWED_NETWORKS);
        assertThat(refusal(policy, "https://mixed-first.example/x").getMessage()).contains("192.168.0.7");
        assertThat(refusal(policy, "https://mixed-v6.example/x").getMessage()).contains("fd00::7, which is a unique local address");
        assertThat(refusal(policy, "https://metadata.google.internal/x").getMessage()).contains("cloud metadata");
        assertThat(refusal(policy, "https://localhost:8080/x").getMessage()).contains("localhost resolves to 127.0.0.1, which is a loopback address");
        for (String host : List.of("mixed.example", "mixed-first.example", "mixed-v6.example", "localhost")) {
            assertThatThrownBy(() -> policy.dnsResolver().resolve(host)).isInstanceOf(UnknownHostException.class)
                    .hasMessageStartingWith("Refused to connect to " + host + ": " + host + " resolves to ");
        }

        UrlPolicy allowing = new UrlPolicy(List.of("127.0.0.0/8", "::1"), false, dns);
        allowing.check(URI.create("https://localhost:8080/x"));
        assertThat(allowing.dnsResolver().resolve("localhost")).containsExactly(ip("127.0.0.1"), ip("::1"));
        assertThat(new UrlPolicy(List.of("127.0.0.0/8"), false, dns).dnsResolver())
                .as("one address of localhost still refused").satisfies(r ->
                        assertThatThrownBy(() -> r.resolve("localhost")).hasMessageContaining("::1, which is the loopback address"));
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedAtRegistrationAndFailsAtSend() {
        Table dns = new Table(Map.of("empty.example", List.of()));
        UrlPolicy policy = new UrlPolicy(List.of(), false, dns);
        assertThat(refusal(policy, "https://nowhere.example/x").getMessage())
                .isEqualTo("https://nowhere.example/x is refused: nowhere.example could not be resolved");
        assertThat(refusal(policy, "https://empty.example/x").getMessage()).endsWith("empty.example resolves to no address");
        assertThatThrownBy(() -> policy.dnsResolver().resolve("nowhere.example"))
                .isInstanceOf(UnknownHostException.class).hasMessage("nowhere.example"); // the resolver's own exception
    }

    @Test
    void theSystemResolverIsNotTrustedForLocalhost() {
        // /etc/hosts answers localhost without the network; the name itself gets no special treatment.
        UrlPolicy policy = new UrlPolicy(List.of(), true);
        assertThat(refusal(policy, "https://localhost/x").getMessage()).contains("localhost resolves to").contains("loopback");
        assertThat(refusal(policy, "http://2130706433/x").getMessage()).contains("not a canonical IP address");
        assertThatCode(() -> new UrlPolicy(List.of("127.0.0.0/8", "::1"), true).check(URI.create("http://localhost/x")))
                .doesNotThrowAnyException();
    }

    // --- DNS rebinding --------------------------------------------------------------------------

    /** Answers a public address first, then a private one: a rebinding attacker's DNS. */
    private static final class Rebinding implements UrlPolicy.Resolver {
        final String host;
        final String later;
        final AtomicInteger lookups = new AtomicInteger();

        Rebinding(String host, String later) {
            this.host = host;
            this.later = later;
        }

        @Override
        public InetAddress[] resolve(String name) throws UnknownHostException {
            if (!name.equals(host)) throw new UnknownHostException(name);
            return new InetAddress[] {ip(lookups.getAndIncrement() == 0 ? "93.184.215.14" : later)};
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "fd00::5", "::ffff:192.168.0.1"})
    void rebindingAfterRegistrationIsRefusedAtConnect(String later) throws Exception {
        Rebinding dns = new Rebinding("rebind.example", later);
        UrlPolicy policy = new UrlPolicy(List.of(), false, dns);

        policy.check(URI.create("https://rebind.example/hook")); // the first answer is public

        DnsResolver resolver = policy.dnsResolver();
        assertThatThrownBy(() -> resolver.resolve("rebind.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageStartingWith("Refused to connect to rebind.example: rebind.example resolves to ")
                .hasMessageContaining(ALLOWED_NETWORKS);
        assertThatThrownBy(() -> resolver.resolve("rebind.example", 443)).isInstanceOf(UnknownHostException.class);
        assertThat(dns.lookups).hasValue(3);
    }

    @Test
    void theResolverReturnsTheVettedAddressesAndNeverLooksUpCanonicalNames() throws Exception {
        Table dns = new Table(Map.of("hooks.example", List.of("93.184.215.14", "2606:4700:4700::1111")));
        DnsResolver resolver = new UrlPolicy(List.of(), false, dns).dnsResolver();
        assertThat(resolver.resolve("hooks.example", 8443)).containsExactly(
                new InetSocketAddress(ip("93.184.215.14"), 8443), new InetSocketAddress(ip("2606:4700:4700::1111"), 8443));
        assertThat(resolver.resolveCanonicalHostname("hooks.example")).isEqualTo("hooks.example");
        assertThat(dns.lookups).hasValue(1);
        assertThatThrownBy(() -> resolver.resolve((String) null)).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> resolver.resolve("fe80::1%eth0")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("zone IDs are not supported");
    }

    // --- allow-list validation ------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            10.0.0.0/33                | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            ::/129                     | the prefix length after / must be a number from 0 to 128 for an IPv6 address
            10.0.0.0/                  | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            10.0.0.0/-1                | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            10.0.0.0/+8                | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            10.0.0.0/8/8               | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            10.0.0.0/0x8               | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            10.1.2.3/8                 | the address has bits set beyond the /8 prefix (did you mean 10.0.0.0/8?)
            fd00::1/8                  | the address has bits set beyond the /8 prefix (did you mean fd00::/8?)
            /8                         | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            localhost                  | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            hooks.internal/24          | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            10.0.0                     | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            10.0.0.256                 | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            010.0.0.0/8                | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            2130706433                 | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            fe80::1%eth0               | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            *                          | it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)
            "10.0.0.0/8, 10.1.0.0/16"  | the prefix length after / must be a number from 0 to 32 for an IPv4 address
            """)
    void invalidAllowListEntriesAreRejectedClearly(String entry, String why) {
        assertThatThrownBy(() -> new UrlPolicy(List.of("127.0.0.0/8", entry), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid " + ALLOWED_NETWORKS + " entry '" + entry + "': " + why);
    }

    @Test
    void blankAllowListEntriesAndANullListAreIgnored() {
        List<String> entries = new ArrayList<>(Arrays.asList(" 10.0.0.0/8 ", "", "  ", null));
        assertThat(new UrlPolicy(entries, false).allowed(ip("10.9.9.9"))).isTrue();
        assertThat(new UrlPolicy(null, false).allowed(ip("10.9.9.9"))).isFalse();
        assertThat(new UrlPolicy(List.of(), false).allowed(ip("8.8.8.8"))).isTrue();
    }

    // --- at connect time, through Apache HttpClient 5 --------------------------------------------

    /**
     * A real client against a real server on loopback: the control client (system resolver) reaches it,
     * the guarded one must not. Removing the guard from the resolver makes these tests fail.
     */
    @Nested
    class ThroughHttpClient {

        private HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();
        private int port;

        @BeforeEach
        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            port = server.getAddress().getPort();
        }

        @AfterEach
        void stop() {
            server.stop(0);
        }

        private int get(DnsResolver resolver, String url) throws IOException {
            var connections = PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(resolver)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS).build())
                    .build();
            try (CloseableHttpClient client = HttpClients.custom()
                    .setConnectionManager(connections)
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .build()) {
                return client.execute(new HttpGet(url), response -> response.getCode());
            }
        }

        @Test
        void theControlClientReachesTheServer() throws Exception {
            assertThat(get(SystemDefaultDnsResolver.INSTANCE, "http://127.0.0.1:" + port + "/")).isEqualTo(204);
            assertThat(get(SystemDefaultDnsResolver.INSTANCE, "http://2130706433:" + port + "/"))
                    .as("the JDK reads 2130706433 as 127.0.0.1").isEqualTo(204);
            assertThat(requests).hasValue(2);
        }

        @Test
        void theGuardedClientDoesNotConnectToLoopback() {
            DnsResolver guarded = new UrlPolicy(List.of(), true).dnsResolver();
            for (String host : List.of("127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]")) {
                assertThatThrownBy(() -> get(guarded, "http://" + host + ":" + port + "/"))
                        .as(host).isInstanceOf(UnknownHostException.class).hasMessageContaining("Refused to connect");
            }
            assertThat(requests).hasValue(0);
        }

        @Test
        void rebindingIsRefusedAtConnectAfterPassingRegistration() throws Exception {
            UrlPolicy policy = new UrlPolicy(List.of(), true, new Rebinding("rebind.example", "127.0.0.1"));
            String url = "http://rebind.example:" + port + "/hook";
            policy.check(URI.create(url));
            assertThatThrownBy(() -> get(policy.dnsResolver(), url))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("rebind.example resolves to 127.0.0.1, which is a loopback address");
            assertThat(requests).hasValue(0);
        }

        @Test
        void anAllowListedAddressIsReachedAtTheAddressTheResolverVetted() throws Exception {
            UrlPolicy policy = new UrlPolicy(List.of("127.0.0.0/8"), true,
                    new Table(Map.of("hooks.internal", List.of("127.0.0.1"))));
            assertThat(get(policy.dnsResolver(), "http://hooks.internal:" + port + "/hook")).isEqualTo(204);
            assertThat(requests).hasValue(1);
            assertThatThrownBy(() -> get(policy.dnsResolver(), "http://2130706433:" + port + "/"))
                    .as("numeric forms stay refused even when the address is allowed")
                    .isInstanceOf(UnknownHostException.class).hasMessageContaining("not a canonical IP address");
            assertThat(requests).hasValue(1);
        }
    }
}
