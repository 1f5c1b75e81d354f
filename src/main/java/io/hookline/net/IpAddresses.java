package io.hookline.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP literals only. Text is checked to be an IPv4 dotted quad or an IPv6 literal before the
 * JDK sees it, because {@link InetAddress#getByName} would otherwise treat anything else as a
 * host name and ask DNS (configuration and X-Forwarded-For must never trigger a lookup).
 */
public final class IpAddresses {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {}

    public static boolean isLiteral(String text) {
        return parse(text) != null;
    }

    /** The address for an IPv4/IPv6 literal, or null when the text is not one. */
    public static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) return null;
        try {
            return InetAddress.getByName(t); // a literal by now: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
