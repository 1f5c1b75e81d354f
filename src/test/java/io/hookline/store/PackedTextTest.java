package io.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A payload comes back from its packed form exactly as it went in, and damage is named, never read as text. */
class PackedTextTest {

    static final String BODY = """
            {
              "event": "program_application.sponsor_approved",
              "name": "Sponsor Approved \u2013 Action Required",
              "data": {"applicantName": "Ren\u00e9e Zo\u00eb \uD83D\uDE80", "offeringApplicationId": "app_7d1e",
                       "participantEmail": "liam.rossi@example.net", "participantName": "Liam Rossi"}
            }
            """.repeat(3);

    @Test
    void aLongRunOfOneCharacterComesBackWhole() {
        String run = "a".repeat(1_000_000); // deflate's best ratio: the length check must allow it
        assertThat(PackedText.unpack(PackedText.pack(run))).isEqualTo(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"a\":1}", " \t\r\n", "\u2013\uD83D\uDE80\u00e9"})
    void shortTextComesBackAsItWas(String text) {
        assertThat(PackedText.unpack(PackedText.pack(text))).isEqualTo(text);
    }

    @Test
    void aJsonBodyIsDeflatedToLessThanTwoThirdsAndComesBackExactly() {
        byte[] packed = PackedText.pack(BODY);
        assertThat(packed[0]).isEqualTo(PackedText.DEFLATE);
        assertThat(packed.length).isLessThan(BODY.getBytes(StandardCharsets.UTF_8).length * 2 / 3);
        assertThat(PackedText.unpack(packed)).isEqualTo(BODY);
    }

    @Test
    void textThatDeflateCannotShrinkIsKeptPlain() {
        String id = "7f3a9c1e5b2d"; // too short to shrink: deflate's block header and end mark outweigh it
        byte[] packed = PackedText.pack(id);
        assertThat(packed[0]).isEqualTo(PackedText.PLAIN);
        assertThat(packed).hasSize(1 + id.length());
        assertThat(PackedText.unpack(packed)).isEqualTo(id);
    }

    @Test
    void manyThreadsPackAtOnceEachGettingItsOwnText() throws Exception {
        Thread[] threads = new Thread[16];
        String[] failures = new String[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int n = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String text = BODY + n + "/" + i;
                    String back = PackedText.unpack(PackedText.pack(text));
                    if (!back.equals(text)) {
                        failures[n] = "thread " + n + " got another text back at " + i;
                        return;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        assertThat(failures).containsOnlyNulls();
    }

    @Test
    void damageIsReportedAsSuch() {
        byte[] packed = PackedText.pack(BODY);
        assertThatThrownBy(() -> PackedText.unpack(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> PackedText.unpack(new byte[] {9, 1, 2})).hasMessageContaining("format 9 is unknown");
        assertThatThrownBy(() -> PackedText.unpack(Arrays.copyOf(packed, 3))).hasMessageContaining("cut short");
        assertThatThrownBy(() -> PackedText.unpack(Arrays.copyOf(packed, packed.length / 2)))
                .hasMessageStartingWith("A stored payload cannot be read");
        byte[] huge = packed.clone();
        huge[1] = 0x7f; // a length of ~2 GB: named, not allocated
        assertThatThrownBy(() -> PackedText.unpack(huge)).hasMessageContaining("cannot come from");
        byte[] flipped = packed.clone();
        flipped[10] ^= (byte) 0xff;
        flipped[11] ^= (byte) 0xff;
        assertThatThrownBy(() -> PackedText.unpack(flipped)).hasMessageStartingWith("A stored payload cannot be read");
    }
}
