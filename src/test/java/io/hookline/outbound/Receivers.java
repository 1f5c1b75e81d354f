package io.hookline.outbound;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link Receiver}s a test opens, closed after each test:
 * {@code @RegisterExtension final Receivers receivers = new Receivers();}, then {@code receivers.open()}.
 */
public final class Receivers implements AfterEachCallback {

    private final List<Receiver> open = new CopyOnWriteArrayList<>();

    public Receiver open() throws IOException {
        Receiver r = new Receiver();
        open.add(r);
        return r;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Receiver::close);
        open.clear();
    }
}
