package io.hookline.outbound;

import io.hookline.net.IpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Which subscriber URLs Hookline may send to: the outbound SSRF guard.
 *
 * <h2>Two checks</h2>
 * <ul>
 *   <li>{@link #check(URI)} when a URL is registered: an absolute {@code https} URL (or {@code http}
 *       with {@value #ALLOW_HTTP}{@code =true}) with a host and no user-info, whose host is a canonical IP
 *       literal or a name whose every resolved address is {@linkplain #allowed allowed}.</li>
 *   <li>{@link #dnsResolver()} when sending: the Apache HttpClient 5 connection manager resolves every
 *       host through it and connects only to the addresses it returns, each vetted in the same call, so a
 *       DNS answer that changes after registration (rebinding) is refused at connect time, with no window
 *       between check and use. Redirects must be disabled in that client (a 3xx is a failed attempt); the
 *       resolver would refuse a private redirect target anyway, but not an {@code http} one. HttpClient
 *       skips the resolver only for an {@code HttpHost} built with an explicit {@code InetAddress}, and
 *       with a proxy it resolves the proxy, not the target: the sender must do neither.</li>
 * </ul>
 *
 * <h2>Refused addresses</h2>
 * Unless the address is inside an entry of {@value #ALLOWED_NETWORKS}, these are refused:
 * <ul>
 *   <li>IPv4: {@code 0.0.0.0/8} (unspecified, "this network"), {@code 10.0.0.0/8}, {@code 172.16.0.0/12},
 *       {@code 192.168.0.0/16} (private), {@code 100.64.0.0/10} (carrier-grade NAT), {@code 127.0.0.0/8}
 *       (loopback), {@code 169.254.0.0/16} (link-local, including the cloud metadata service
 *       {@code 169.254.169.254}), {@code 192.0.0.0/24} (IETF protocol assignments), {@code 198.18.0.0/15}
 *       (benchmarking), the documentation ranges {@code 192.0.2.0/24}, {@code 198.51.100.0/24} and
 *       {@code 203.0.113.0/24} (refused: nothing real lives there, and they are handy as "internal"
 *       addresses in test set-ups, which the allow-list then has to name), {@code 224.0.0.0/4}
 *       (multicast), {@code 240.0.0.0/4} (reserved) and {@code 255.255.255.255} (broadcast).</li>
 *   <li>IPv6: {@code ::} (unspecified), {@code ::1} (loopback), {@code 64:ff9b:1::/48} (local-use NAT64),
 *       {@code 100::/64} (discard-only), {@code 2001::/23} (IETF protocol assignments, including Teredo),
 *       {@code 2001:db8::/32} and {@code 3fff::/20} (documentation), {@code fc00::/7} (unique local),
 *       {@code fe80::/10} (link-local), {@code fec0::/10} (site-local, deprecated), {@code ff00::/8}
 *       (multicast), and anything else outside global unicast {@code 2000::/3}.</li>
 *   <li>IPv6 forms that carry an IPv4 address are judged by that address (and permitted if either it or
 *       the IPv6 address is allow-listed): IPv4-mapped {@code ::ffff:0:0/96}, IPv4-translated
 *       {@code ::ffff:0:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96} and 6to4
 *       {@code 2002::/16}.</li>
 * </ul>
 *
 * <h2>Host forms</h2>
 * IPv4 literals must be canonical dotted quads ({@code 127.0.0.1}). A host that "ends in a number" in the
 * WHATWG URL sense but is not one — {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1},
 * {@code 010.0.0.1} — is refused outright, allow-list or not, because software disagrees on what it means:
 * Java reads {@code 2130706433} as 127.0.0.1 but {@code 0177.0.0.1} as 177.0.0.1 and {@code 010.0.0.1}
 * as 10.0.0.1, while C's {@code inet_aton} (curl, glibc's resolver, proxies) reads the last two as octal.
 * IPv6 literals are written in brackets; zone IDs are not supported. Every other host is a name and is
 * resolved — {@code localhost}, {@code *.internal} and friends get no special treatment — and all its
 * addresses must be allowed; a name that does not resolve is refused at registration.
 *
 * <p>Messages never repeat the URL's user-info, query or fragment, which may hold credentials.
 */
public final class UrlPolicy {

    static final String ALLOW_HTTP = "hookline.outbound.allow-http";
    static final String ALLOWED_NETWORKS = "hookline.outbound.allowed-networks";

    /** Name resolution; {@link InetAddress#getAllByName} outside tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    // Before the tables below: their initialisers parse CIDR text with these.
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9A-Fa-f]*");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,3}");

    private static final List<Refusal> IPV4_REFUSED = List.of(
            refusal("0.0.0.0/8", "an unspecified (\"this network\") address"),
            refusal("10.0.0.0/8", "a private address"),
            refusal("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            refusal("127.0.0.0/8", "a loopback address"),
            refusal("169.254.169.254/32", "a link-local address (the cloud metadata service)"),
            refusal("169.254.0.0/16", "a link-local address"),
            refusal("172.16.0.0/12", "a private address"),
            refusal("192.0.0.0/24", "an IETF protocol assignment address"),
            refusal("192.0.2.0/24", "a documentation address"),
            refusal("192.168.0.0/16", "a private address"),
            refusal("198.18.0.0/15", "a benchmarking address"),
            refusal("198.51.100.0/24", "a documentation address"),
            refusal("203.0.113.0/24", "a documentation address"),
            refusal("224.0.0.0/4", "a multicast address"),
            refusal("255.255.255.255/32", "the broadcast address"),
            refusal("240.0.0.0/4", "a reserved address"));

    private static final List<Refusal> IPV6_REFUSED = List.of(
            refusal("::/128", "the unspecified address"),
            refusal("::1/128", "the loopback address"),
            refusal("64:ff9b:1::/48", "a local-use NAT64 address"),
            refusal("100::/64", "a discard-only address"),
            refusal("2001:db8::/32", "a documentation address"),
            refusal("2001::/23", "an IETF protocol assignment address (such as Teredo)"),
            refusal("3fff::/20", "a documentation address"),
            refusal("fc00::/7", "a unique local address"),
            refusal("fe80::/10", "a link-local address"),
            refusal("fec0::/10", "a site-local address"),
            refusal("ff00::/8", "a multicast address"));

    /** IPv6 forms that carry an IPv4 address, and where (byte offset). Checked after IPV6_REFUSED's :: and ::1. */
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(network("::ffff:0:0:0/96"), 12, "an IPv4-translated address"),
            new Embedding(network("::/96"), 12, "an IPv4-compatible address"),
            new Embedding(network("64:ff9b::/96"), 12, "a NAT64 address"),
            new Embedding(network("2002::/16"), 2, "a 6to4 address"));

    private static final Network GLOBAL_UNICAST = network("2000::/3");

    private final List<Network> allowedNetworks;
    private final boolean allowHttp;
    private final Resolver resolver;

    /**
     * @param allowedNetworks IP literals or CIDR blocks ({@code "127.0.0.0/8"}, {@code "10.1.2.3"},
     *     {@code "::1/128"}, {@code "fd00::/8"}) permitted even though private, loopback, link-local etc.;
     *     blank entries are ignored, host names are not accepted
     * @param allowHttp whether plain {@code http://} URLs are permitted
     * @throws IllegalArgumentException when an entry is not an IP literal or CIDR block, naming the entry
     */
    public UrlPolicy(List<String> allowedNetworks, boolean allowHttp) {
        this(allowedNetworks, allowHttp, InetAddress::getAllByName);
    }

    UrlPolicy(List<String> allowedNetworks, boolean allowHttp, Resolver resolver) {
        List<Network> networks = new ArrayList<>();
        if (allowedNetworks != null) {
            for (String entry : allowedNetworks) {
                if (entry != null && !entry.isBlank()) networks.add(parseAllowed(entry));
            }
        }
        this.allowedNetworks = List.copyOf(networks);
        this.allowHttp = allowHttp;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * At registration: an absolute http(s) URL with a host and no user-info, {@code https} unless
     * {@value #ALLOW_HTTP}, and a host whose every address is {@linkplain #allowed allowed} (names are
     * resolved now).
     *
     * @throws UrlRefusedException saying why, and which setting would permit it where one would
     */
    public void check(URI url) throws UrlRefusedException {
        if (url == null || url.toString().isEmpty()) {
            throw new UrlRefusedException("No URL given: a subscriber URL must be an absolute https URL");
        }
        String shown = display(url);
        if (!url.isAbsolute()) throw refused(shown, "it is not an absolute URL (it must start with https://)");
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(shown, allowHttp ? "only http and https URLs are allowed" : "only https URLs are allowed");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw refused(shown, "only https URLs are allowed (set " + ALLOW_HTTP + "=true to permit plain HTTP)");
        }
        if (url.isOpaque()) throw refused(shown, "it is not an absolute URL with a host (it must start with https://)");
        if (url.getRawUserInfo() != null) {
            throw refused(shown, "user-info (a name or password before the host) is not allowed in the URL");
        }
        String host = url.getHost();
        if (host == null) {
            String written = hostPart(url.getRawAuthority());
            if (written.isEmpty()) throw refused(shown, "it has no host");
            if (endsInNumber(written)) throw refused(shown, nonCanonical(written));
            boolean ascii = written.chars().allMatch(c -> c < 0x80);
            throw refused(shown, written + " is not a valid host name"
                    + (ascii ? "" : " (write internationalised names in their xn-- form)"));
        }
        if (url.getPort() > 65535) throw refused(shown, "port " + url.getPort() + " is out of range");
        try {
            vet(host);
        } catch (Refused e) {
            throw refused(shown, e.getMessage());
        } catch (UnknownHostException e) {
            throw refused(shown, unbracketed(host) + " could not be resolved");
        }
    }

    /**
     * For Apache HttpClient 5 ({@code PoolingHttpClientConnectionManagerBuilder.setDnsResolver}): resolves
     * through this policy and returns only when every address is allowed; otherwise throws an
     * {@link UnknownHostException} whose message says why. Canonical IP literals are not looked up;
     * non-canonical numeric hosts are refused. {@code resolveCanonicalHostname} does no lookup.
     */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return vet(host);
                } catch (Refused e) {
                    throw new UnknownHostException("Refused to connect to " + host + ": " + e.getMessage());
                }
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // only used for SPNEGO; a reverse lookup is not worth the exposure
            }

            @Override
            public String toString() {
                return "UrlPolicy.dnsResolver";
            }
        };
    }

    /** Whether this address may be connected to: not in a refused range, or inside an allowed network. */
    public boolean allowed(InetAddress address) {
        return why(to16(Objects.requireNonNull(address, "address"))) == null;
    }

    // --- host vetting ---------------------------------------------------------------------------

    /** The addresses of host, every one allowed; otherwise why not. */
    private InetAddress[] vet(String host) throws Refused, UnknownHostException {
        if (host == null || host.isBlank()) throw new Refused("there is no host");
        String text = unbracketed(host);
        if (host.startsWith("[") || text.indexOf(':') >= 0) {
            InetAddress address = IpAddresses.parse(text);
            if (address == null) {
                throw new Refused(text + " is not a valid IPv6 address"
                        + (text.indexOf('%') >= 0 ? " (zone IDs are not supported)" : ""));
            }
            return vetLiteral(text, address);
        }
        InetAddress literal = IpAddresses.parse(text);
        if (literal != null) return vetLiteral(text, literal); // a canonical dotted quad
        if (endsInNumber(text)) throw new Refused(nonCanonical(text));

        InetAddress[] all = resolver.resolve(text);
        if (all == null || all.length == 0) throw new Refused(text + " resolves to no address");
        for (InetAddress address : all) {
            if (address == null) throw new Refused(text + " resolves to no usable address");
            String why = why(to16(address));
            if (why != null) {
                String shown = format(to16(address));
                throw new Refused(text + " resolves to " + shown + ", which is " + why
                        + " (add " + shown + " to " + ALLOWED_NETWORKS + " to permit it)");
            }
        }
        return all.clone();
    }

    private InetAddress[] vetLiteral(String text, InetAddress address) throws Refused {
        byte[] bytes = to16(address);
        String why = why(bytes);
        if (why == null) return new InetAddress[] {address};
        String canonical = format(bytes);
        boolean rewritten = address instanceof Inet4Address && !canonical.equals(text); // ::ffff:10.0.0.1
        String subject = rewritten ? text + " is the IPv4 address " + canonical + ", which" : text;
        throw new Refused(subject + " is " + why + " (add it to " + ALLOWED_NETWORKS + " to permit it)");
    }

    /** Null when allowed, otherwise what the address is ("a private address"). */
    private String why(byte[] address) {
        for (Network allowed : allowedNetworks) {
            if (allowed.contains(address)) return null;
        }
        if (isMapped(address)) {
            for (Refusal r : IPV4_REFUSED) {
                if (r.network.contains(address)) return r.what;
            }
            return null;
        }
        for (Refusal r : IPV6_REFUSED.subList(0, 2)) { // :: and ::1 lie inside ::/96
            if (r.network.contains(address)) return r.what;
        }
        for (Embedding e : EMBEDDINGS) {
            if (e.network.contains(address)) {
                byte[] ipv4 = mapped(Arrays.copyOfRange(address, e.offset, e.offset + 4));
                String inner = why(ipv4);
                return inner == null ? null : e.what + " embedding " + format(ipv4) + ", which is " + inner;
            }
        }
        for (Refusal r : IPV6_REFUSED) {
            if (r.network.contains(address)) return r.what;
        }
        if (!GLOBAL_UNICAST.contains(address)) return "not a global unicast address (outside 2000::/3)";
        return null;
    }

    /**
     * The WHATWG URL standard's "ends in a number": the last label (ignoring one trailing dot) is
     * decimal digits or 0x-hex, so URL parsers and inet_aton treat the host as an IPv4 number.
     */
    static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && (DIGITS.matcher(last).matches() || HEX_NUMBER.matcher(last).matches());
    }

    private static String nonCanonical(String host) {
        return host + " is not a canonical IP address (numeric hosts such as 2130706433, 0x7f.1 or 0177.0.0.1"
                + " are read differently by different software; write the address as four decimal numbers"
                + " without leading zeros)";
    }

    // --- allow-list -----------------------------------------------------------------------------

    private static Network parseAllowed(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpAddresses.parse(addressText);
        if (address == null) {
            throw invalid(entry, "it is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8"
                    + " (host names are not accepted)");
        }
        boolean ipv6 = addressText.indexOf(':') >= 0;
        int max = ipv6 ? 128 : 32;
        int bits = max;
        if (slash >= 0) {
            String prefix = text.substring(slash + 1);
            if (!PREFIX_LENGTH.matcher(prefix).matches() || Integer.parseInt(prefix) > max) {
                throw invalid(entry, "the prefix length after / must be a number from 0 to " + max
                        + " for an " + (ipv6 ? "IPv6" : "IPv4") + " address");
            }
            bits = Integer.parseInt(prefix);
        }
        byte[] bytes = to16(address);
        Network network = new Network(bytes, ipv6 ? bits : 96 + bits);
        byte[] masked = network.masked(bytes);
        if (!Arrays.equals(masked, bytes)) {
            String base = ipv6 ? formatV6(masked) : format(masked);
            throw invalid(entry, "the address has bits set beyond the /" + bits + " prefix (did you mean "
                    + base + "/" + bits + "?)");
        }
        return network;
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("Invalid " + ALLOWED_NETWORKS + " entry '" + entry + "': " + why);
    }

    // --- addresses as 16 bytes (IPv4 as IPv4-mapped IPv6) ----------------------------------------

    private record Network(byte[] bytes, int bits) {
        boolean contains(byte[] address) {
            return Arrays.equals(masked(address), bytes);
        }

        byte[] masked(byte[] address) {
            byte[] out = new byte[16];
            for (int i = 0; i < 16; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                out[i] = (byte) (address[i] & (0xff00 >> keep));
            }
            return out;
        }
    }

    private record Refusal(Network network, String what) {}

    private record Embedding(Network network, int offset, String what) {}

    private static Refusal refusal(String cidr, String what) {
        return new Refusal(network(cidr), what);
    }

    private static Network network(String cidr) {
        return parseAllowed(cidr);
    }

    private static byte[] to16(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 16 ? raw : mapped(raw);
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, out, 12, 4);
        return out;
    }

    private static boolean isMapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) return false;
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** Dotted quad for IPv4(-mapped), RFC 5952 text for IPv6. */
    static String format(byte[] address) {
        if (isMapped(address)) {
            return (address[12] & 0xff) + "." + (address[13] & 0xff) + "." + (address[14] & 0xff) + "." + (address[15] & 0xff);
        }
        return formatV6(address);
    }

    private static String formatV6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    // --- messages -------------------------------------------------------------------------------

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static UrlRefusedException refused(String shown, String why) {
        return new UrlRefusedException(shown + " is refused: " + why);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host as written in a raw authority: without user-info and port. */
    private static String hostPart(String rawAuthority) {
        if (rawAuthority == null) return "";
        String a = rawAuthority.substring(rawAuthority.lastIndexOf('@') + 1);
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? a : a.substring(0, close + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    /** The URL for messages: scheme, host, port and path; user-info masked, query and fragment left out. */
    private static String display(URI url) {
        if (!url.isAbsolute() || url.isOpaque() || url.getRawAuthority() == null) {
            String s = url.toString();
            int cut = s.length();
            for (char c : new char[] {'?', '#'}) {
                int at = s.indexOf(c);
                if (at >= 0) cut = Math.min(cut, at);
            }
            return cut == 0 ? "The URL" : s.substring(0, cut);
        }
        StringBuilder out = new StringBuilder(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) out.append("***@");
        out.append(url.getHost() != null ? url.getHost() : hostPart(url.getRawAuthority()));
        if (url.getPort() >= 0) out.append(':').append(url.getPort());
        if (url.getRawPath() != null) out.append(url.getRawPath());
        return out.toString();
    }
}
