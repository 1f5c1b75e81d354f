package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zapier/Gmail | program_application.pending_sponsor | Email the applicant "Sponsor review in progress". */
class EmailRecipeTest extends RecipeTestSupport {

    static Map<String, Object> pendingSponsor(String applicationId, String email, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringApplicationId", applicationId);
        data.put("offeringId", "off_008");
        data.put("applicantEmail", email);
        data.put("applicantName", name);
        return data;
    }

    @Test
    void theApplicantGetsTheTextAndHtmlMailWithEventValuesEscapedInTheHtml() throws Exception {
        String app = unique("app_");
        String email = unique("maria.") + "@example.com";
        String name = "María <b>García</b> & \"Co\"";
        String id = post("program_application.pending_sponsor", pendingSponsor(app, email, name));

        JsonNode action = awaitAction(id, "pending-sponsor-email", "done");
        MimeMessage mail = awaitMail(email, "Sponsor review in progress");

        assertThat(mail.getFrom()).containsExactly(new InternetAddress("programs@impact.test"));
        assertThat(mail.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress(email));
        assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(part(mail, "text/plain")).isEqualTo("Hi " + name + ",\n\nyour champion approved application " + app
                + "; your sponsor is reviewing it now.");
        assertThat(part(mail, "text/html")).isEqualTo("<p>Hi María &lt;b&gt;García&lt;/b&gt; &amp; &quot;Co&quot;,</p>"
                + "<p>your champion approved application <b>" + app + "</b>; your sponsor is reviewing it now.</p>");
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("mailed to " + email);
    }

    @Test
    void anAddressWithALineBreakAddsNoRecipientAndFailsAtOnce() {
        String app = unique("app_");
        String email = unique("lee.") + "@example.com";
        String other = unique("intruder.") + "@example.com";
        String id = post("program_application.pending_sponsor", pendingSponsor(app, email + "\nBcc: " + other, "Lee"));

        JsonNode action = awaitAction(id, "pending-sponsor-email", "failed");

        // The line break became a space (no Bcc header); the address is then invalid, which no retry can fix.
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(outcomes(action)).containsExactly("failed");
        assertThat(action.get("lastError").asText()).startsWith("invalid mail address: ");
        assertThat(mailsTo(other)).isEmpty();
        assertThat(mailsTo(email)).isEmpty();
    }

    /** The decoded text of the first part of this content type, line ends as \n. */
    static String part(Part part, String contentType) throws Exception {
        if (part.isMimeType(contentType)) return ((String) part.getContent()).replace("\r\n", "\n");
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                String found = part(p, contentType);
                if (found != null) return found;
            }
        }
        return null;
    }
}
