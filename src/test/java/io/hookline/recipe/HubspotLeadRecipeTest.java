package io.hookline.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookline.support.FakeApis;
import io.hookline.support.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HubSpot | applicant.joined_waitlist | Create (or update) the contact, then a deal assigned to the advisor. */
class HubspotLeadRecipeTest extends RecipeTestSupport {

    private static final String CONTACTS = "/hubspot/crm/v3/objects/contacts";
    private static final String DEALS = "/hubspot/crm/v3/objects/deals";

    private static Map<String, Object> joined(String email, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offeringId", "off_008");
        data.put("applicantUserId", "usr_5150");
        data.put("applicantEmail", email);
        data.put("applicantName", name);
        data.put("waitlistPosition", 12);
        return data;
    }

    private List<RecordedRequest> requestsAbout(String email) {
        return apis.requests(r -> r.path().startsWith("/hubspot/") && (r.bodyText().contains(email) || r.path().contains(email)));
    }

    @Test
    void aNewApplicantBecomesAContactAndADealOwnedByTheAdvisor() {
        String email = unique("sam.") + "@example.com";
        String name = "Sam Okafor-Núñez";
        String id = post("applicant.joined_waitlist", joined(email, name));

        JsonNode action = awaitAction(id, "waitlist-to-hubspot", "done");

        RecordedRequest create = single(apis.requests(CONTACTS, email));
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.query()).isNull();
        assertThat(create.header("Authorization")).isEqualTo("Bearer " + FakeApis.HUBSPOT_TOKEN);
        assertThat(create.header("Content-Type")).startsWith("application/json");
        assertThat(create.status()).isEqualTo(201);
        assertThat(read(create.bodyText())).isEqualTo(read("{\"properties\": {\"email\": \"" + email
                + "\", \"firstname\": \"" + name + "\", \"hubspot_owner_id\": \"31415926\"}}"));
        String contactId = apis.contact(email).get("id").asText();
        assertThat(apis.contact(email).get("properties").get("firstname").asText()).isEqualTo(name);

        RecordedRequest deal = single(apis.requests(DEALS, name));
        assertThat(deal.method()).isEqualTo("POST");
        assertThat(deal.header("Authorization")).isEqualTo("Bearer " + FakeApis.HUBSPOT_TOKEN);
        assertThat(deal.status()).as(deal.answer()).isEqualTo(201);
        assertThat(read(deal.bodyText())).isEqualTo(read("{\"properties\": {\"dealname\": \"Waitlist: " + name
                + " (off_008)\", \"pipeline\": \"default\", \"dealstage\": \"appointmentscheduled\", \"hubspot_owner_id\": \"31415926\"},"
                + " \"associations\": [{\"to\": {\"id\": \"" + contactId + "\"}, \"types\": [{\"associationCategory\": \"HUBSPOT_DEFINED\","
                + " \"associationTypeId\": 3}]}]}"));
        String dealId = read(deal.answer()).get("id").asText();

        assertThat(requestsAbout(email)).hasSize(1); // the contact create; the deal names the applicant, not the email
        assertThat(action.get("tries").asInt()).isEqualTo(1);
        assertThat(action.get("attempts").get(0).get("detail").asText()).isEqualTo("contact " + contactId + ", deal " + dealId);
    }

    @Test
    void anExistingContactIsUpdatedByEmailAndStillGetsTheDeal() {
        // A plus address: it travels percent-encoded in the PATCH path.
        String email = unique("jordan.lee+") + "@example.com";
        String existingId = apis.existingContact(email, "Jordan");
        String id = post("applicant.joined_waitlist", joined(email, "Jordan Lee"));

        JsonNode action = awaitAction(id, "waitlist-to-hubspot", "done");

        List<RecordedRequest> about = requestsAbout(email);
        assertThat(about).extracting(RecordedRequest::method, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", 409), org.assertj.core.groups.Tuple.tuple("PATCH", 200));
        assertThat(about.get(0).answer()).contains("Contact already exists. Existing ID: " + existingId);
        RecordedRequest patch = about.get(1);
        assertThat(patch.path()).isEqualTo(CONTACTS + "/" + email);
        assertThat(patch.queryParameters()).containsExactly(Map.entry("idProperty", "email"));
        assertThat(patch.header("Authorization")).isEqualTo("Bearer " + FakeApis.HUBSPOT_TOKEN);
        assertThat(patch.header("Content-Type")).startsWith("application/json");
        assertThat(read(patch.bodyText())).isEqualTo(read("{\"properties\": {\"email\": \"" + email
                + "\", \"firstname\": \"Jordan Lee\", \"hubspot_owner_id\": \"31415926\"}}"));
        assertThat(apis.contact(email).get("properties").get("firstname").asText()).isEqualTo("Jordan Lee");

        RecordedRequest deal = single(apis.requests(DEALS, "Waitlist: Jordan Lee (off_008)").stream()
                .filter(r -> r.bodyText().contains("\"" + existingId + "\"")).toList());
        assertThat(deal.status()).isEqualTo(201);
        assertThat(read(deal.bodyText()).get("associations").get(0).get("to").get("id").asText()).isEqualTo(existingId);
        assertThat(action.get("attempts").get(0).get("detail").asText())
                .isEqualTo("contact " + existingId + ", deal " + read(deal.answer()).get("id").asText());
    }

    private static RecordedRequest single(List<RecordedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
