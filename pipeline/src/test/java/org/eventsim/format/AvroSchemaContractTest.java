package org.eventsim.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.Test;

/**
 * The Avro schema of the Parquet files ({@code src/schema/event.avsc}) and the JSON Schemas of the
 * NDJSON lines ({@code src/schema/event.schema.json}, {@code payload/}) describe the same events,
 * so the two contracts cannot drift: the same envelope fields in the same order, the payload
 * struct holding exactly the fields of the payload schemas, each with the type its JSON Schema
 * implies. Read from the files, not from the code that writes them.
 */
public class AvroSchemaContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR =
      Path.of(System.getProperty("eventsim.schemaDir", "../src/schema")).toAbsolutePath().normalize();

  private static Schema avro() throws IOException {
    return new Schema.Parser().parse(DIR.resolve("event.avsc").toFile());
  }

  @Test
  public void theJarCarriesTheShippedSchema() throws IOException {
    assertThat(EventAvro.SCHEMA, equalTo(avro()));
  }

  @Test
  public void envelopeFieldsMatchTheJsonSchema() throws IOException {
    JsonNode json = JSON.readTree(DIR.resolve("event.schema.json").toFile());
    Schema avro = avro();
    List<String> jsonFields = new ArrayList<>();
    json.get("properties").fieldNames().forEachRemaining(jsonFields::add);
    List<String> avroFields = avro.getFields().stream().map(Schema.Field::name).toList();
    assertThat(avroFields, equalTo(jsonFields));
    List<String> required = new ArrayList<>();
    json.get("required").forEach(r -> required.add(r.asText()));
    assertThat("every envelope field is required", required, equalTo(jsonFields));

    for (String name : jsonFields) {
      JsonNode property = json.get("properties").get(name);
      Schema type = avro.getField(name).schema();
      String kind = kind(property, json);
      switch (kind) {
        case "timestamp" -> {
          assertThat(name, type.getType(), equalTo(Schema.Type.LONG));
          assertThat(name, type.getLogicalType(), equalTo((LogicalType) LogicalTypes.timestampMicros()));
        }
        case "integer" -> assertThat(name, type.getType(), equalTo(Schema.Type.INT));
        case "string" -> assertThat(name, type.getType(), equalTo(Schema.Type.STRING));
        case "object" -> assertThat(name, type.getType(), equalTo(Schema.Type.RECORD));
        default -> throw new AssertionError(name + ": no Avro type for JSON kind " + kind);
      }
    }
  }

  @Test
  public void payloadStructHoldsEveryPayloadSchemasFields() throws IOException {
    JsonNode common = JSON.readTree(DIR.resolve("payload/common.schema.json").toFile());
    Map<String, List<String>> kindsByField = new TreeMap<>();
    Map<String, Integer> requiredIn = new TreeMap<>();
    Map<String, BigDecimal> maxByField = new TreeMap<>();
    int schemas = 0;
    try (Stream<Path> files = Files.list(DIR.resolve("payload"))) {
      for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("common")).sorted().toList()) {
        schemas++;
        JsonNode payload = JSON.readTree(f.toFile());
        payload.get("required").forEach(r -> requiredIn.merge(r.asText(), 1, Integer::sum));
        var it = payload.get("properties").fields();
        while (it.hasNext()) {
          var e = it.next();
          JsonNode resolved = resolve(e.getValue(), common);
          kindsByField.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(kind(resolved, common));
          if (resolved.has("maximum")) {
            maxByField.merge(e.getKey(), resolved.get("maximum").decimalValue(), BigDecimal::max);
          }
        }
      }
    }
    Schema payloadStruct = avro().getField("payload").schema();
    assertThat(
        new TreeSet<>(payloadStruct.getFields().stream().map(Schema.Field::name).toList()),
        equalTo(new TreeSet<>(kindsByField.keySet())));

    for (Map.Entry<String, List<String>> e : kindsByField.entrySet()) {
      String name = e.getKey();
      Schema type = payloadStruct.getField(name).schema();
      boolean everywhere = requiredIn.getOrDefault(name, 0) == schemas;
      boolean nullableInJson = e.getValue().contains("nullable-string");
      if (everywhere && !nullableInJson) {
        assertThat(name + " is in every payload: not null", type.getType(), not(equalTo(Schema.Type.UNION)));
      } else {
        assertThat(name + " is absent from some payloads: nullable", type.getType(), equalTo(Schema.Type.UNION));
        assertThat(name, type.getTypes().get(0).getType(), equalTo(Schema.Type.NULL));
        type = type.getTypes().get(1);
      }
      String kind = new TreeSet<>(e.getValue().stream().map(k -> k.replace("nullable-", "")).toList()).toString();
      switch (kind) {
        case "[string]" -> assertThat(name, type.getType(), equalTo(Schema.Type.STRING));
        case "[cents]" -> {
          assertThat(name, type.getType(), equalTo(Schema.Type.BYTES));
          LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) type.getLogicalType();
          assertThat(name + " is money: two decimals", decimal.getScale(), equalTo(2));
          BigDecimal max = maxByField.get(name);
          assertThat(name + " holds its maximum", max.setScale(2).precision(), lessThanOrEqualTo(decimal.getPrecision()));
        }
        default -> throw new AssertionError(name + ": the payload schemas disagree or give no Avro type: " + kind);
      }
    }
  }

  /** The kind of a JSON Schema property: timestamp, integer, string, nullable-string, cents, object. */
  private static String kind(JsonNode property, JsonNode defs) {
    JsonNode p = resolve(property, defs);
    if (property.has("$ref") && property.get("$ref").asText().endsWith("/timestamp")) {
      return "timestamp";
    }
    if (p.has("oneOf")) {
      List<String> kinds = new ArrayList<>();
      p.get("oneOf").forEach(o -> kinds.add(o.has("type") ? o.get("type").asText() : "?"));
      return kinds.equals(List.of("null", "string")) ? "nullable-string" : "oneOf" + kinds;
    }
    if (p.has("enum") || p.has("const")) {
      JsonNode first = p.has("enum") ? p.get("enum").get(0) : p.get("const");
      return first.isIntegralNumber() ? "integer" : first.isTextual() ? "string" : "?";
    }
    String type = p.path("type").asText();
    if (type.equals("number") && p.has("multipleOf") && p.get("multipleOf").decimalValue().compareTo(new BigDecimal("0.01")) == 0) {
      return "cents";
    }
    return type;
  }

  /** Follows a {@code $ref} into {@code defs}' {@code $defs} (local or common.schema.json). */
  private static JsonNode resolve(JsonNode property, JsonNode defs) {
    if (!property.has("$ref")) {
      return property;
    }
    String ref = property.get("$ref").asText();
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    JsonNode target = defs.path("$defs").path(name);
    return target.isMissingNode() ? property : target;
  }
}
