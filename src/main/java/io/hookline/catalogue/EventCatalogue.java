package io.hookline.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The events Hookline knows, read once at start-up from {@code catalogue/<provider>/<event>.schema.json}
 * and {@code <event>.sample.json} on the classpath. Schemas are compiled once; validation is
 * then a tree walk.
 */
@Component
public class EventCatalogue {

    private static final String PATTERN = "classpath*:catalogue/*/*.schema.json";

    private final Map<String, CatalogueEntry> entries = new TreeMap<>();

    public EventCatalogue(ObjectMapper mapper) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Resource[] schemas = new PathMatchingResourcePatternResolver().getResources(PATTERN);
        for (Resource schemaFile : schemas) {
            String provider = providerOf(schemaFile);
            String file = schemaFile.getFilename();
            String type = file.substring(0, file.length() - ".schema.json".length());
            JsonNode document;
            try (InputStream in = schemaFile.getInputStream()) {
                document = mapper.readTree(in);
            }
            Resource sampleFile = schemaFile.createRelative(type + ".sample.json");
            if (!sampleFile.exists()) {
                throw new IllegalStateException("catalogue/" + provider + "/" + type
                        + ".schema.json has no sample file " + type + ".sample.json");
            }
            String sample = sampleFile.getContentAsString(StandardCharsets.UTF_8);
            JsonSchema schema = factory.getSchema(document);
            String description = document.path("description").asText("");
            entries.put(key(provider, type), new CatalogueEntry(provider, type, description, document, schema, sample));
        }
    }

    private static String providerOf(Resource schemaFile) throws IOException {
        String url = schemaFile.getURL().toString();
        String[] parts = url.split("/");
        return parts[parts.length - 2];
    }

    private static String key(String provider, String type) {
        return provider + "/" + type;
    }

    public Optional<CatalogueEntry> find(String provider, String type) {
        return Optional.ofNullable(entries.get(key(provider, type)));
    }

    public Collection<CatalogueEntry> all() {
        return entries.values();
    }

    /** The schema violations of a payload, as readable lines; empty when it conforms. */
    public static List<String> violations(CatalogueEntry entry, JsonNode payload) {
        Set<ValidationMessage> messages = entry.schema().validate(payload);
        List<String> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(m.getMessage());
        }
        out.sort(null);
        return out;
    }
}
