package io.hookline.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

/** One event of one provider: what it means, the schema its payload must meet, and a sample. */
public record CatalogueEntry(String provider, String type, String description,
                             JsonNode schemaDocument, JsonSchema schema, String sample) {
}
