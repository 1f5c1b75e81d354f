package io.hookline.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prints the headers a provider would send with a body, one {@code Name: value} a line, so that
 * {@code bin/send-sample} signs as the provider profile does instead of knowing each scheme itself:
 * {@code SampleSigner <provider> <secret> <body file> <delivery id>}.
 */
public final class SampleSigner {

    private SampleSigner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SampleSigner <provider> <secret> <body file> <delivery id>");
            System.exit(2);
        }
        Provider provider = Providers.byId(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        SourceSettings defaults = new SourceSettings(List.of(args[1]), null, null, null, null, List.of(), null);
        Map<String, String> headers = provider.sign(body, args[1], args[3], Instant.now(), defaults);
        headers.forEach((name, value) -> System.out.println(name + ": " + value));
    }
}
