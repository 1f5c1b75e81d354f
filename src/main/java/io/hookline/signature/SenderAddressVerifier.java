package io.hookline.signature;

import io.hookline.net.IpAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * For senders that sign nothing (Gleam): the request must come from an allow-listed address,
 * as the gateway determined it (socket address, or X-Forwarded-For from a trusted proxy).
 */
public final class SenderAddressVerifier implements SignatureVerifier {

    private final List<InetAddress> allowed;

    public SenderAddressVerifier(List<String> allowedIps) {
        this.allowed = allowedIps.stream().map(IpAddresses::parse).filter(Objects::nonNull).toList();
    }

    @Override
    public void verify(SignedRequest request) throws SignatureException {
        InetAddress sender = IpAddresses.parse(request.senderAddress());
        if (sender == null || !allowed.contains(sender)) {
            throw new SignatureException(SignatureException.Reason.SENDER_NOT_ALLOWED,
                    "requests for this source must come from an allow-listed address; "
                            + (sender == null ? "the sender's address is unknown" : sender.getHostAddress() + " is not one"));
        }
    }
}
