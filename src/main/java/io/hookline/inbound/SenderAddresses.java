package io.hookline.inbound;

import io.hookline.net.IpAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The sender's address: the socket's peer, unless that peer is a trusted proxy, in which case
 * the right-most X-Forwarded-For entry that is not itself a trusted proxy. Untrusted peers
 * cannot forge their address with the header.
 */
@Component
public class SenderAddresses {

    private final List<InetAddress> trusted;

    public SenderAddresses(InboundProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(IpAddresses::parse).filter(Objects::nonNull).toList();
    }

    public String of(WebhookRequest request) {
        String peer = request.peerAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) return peer;
        String address = peer;
        String[] hops = String.join(",", request.headers("X-Forwarded-For")).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) continue;
            address = hop;
            if (!isTrusted(hop)) break;
        }
        return address;
    }

    private boolean isTrusted(String address) {
        InetAddress a = IpAddresses.parse(address);
        return a != null && trusted.contains(a);
    }
}
