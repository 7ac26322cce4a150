package org.eventsim.json;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.model.Event;
import org.junit.Test;

public class EventJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void envelopeKeysInThePythonToolsOrder() throws Exception {
    Event e = OrderLifecycle.events(0, GeneratorConfig.builder().build()).get(0);
    JsonNode node = JSON.readTree(EventJson.toLine(e));
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    assertThat(
        keys,
        contains(
            "event_id", "event_type", "schema_version", "event_time", "ingest_time", "tenant_id",
            "user_id", "session_id", "source_system", "environment", "record_source", "payload",
            "checksum"));
    List<String> payloadKeys = new ArrayList<>();
    node.get("payload").fieldNames().forEachRemaining(payloadKeys::add);
    assertThat(payloadKeys.subList(0, 4), contains("order_id", "user_id", "amount", "currency"));
  }

  @Test
  public void compactAndRoundTrips() throws Exception {
    for (Event e : OrderLifecycle.events(3, GeneratorConfig.builder().build())) {
      String line = EventJson.toLine(e);
      assertThat(line.contains(", "), equalTo(false));
      assertThat(line.contains("\n"), equalTo(false));
      JsonNode node = JSON.readTree(line);
      assertThat(node.get("event_id").asText(), equalTo(e.eventId().toString()));
      assertThat(node.get("schema_version").asInt(), equalTo(e.schemaVersion()));
      assertThat(node.get("checksum").asText(), equalTo(Checksums.of(e.payload())));
      assertThat(node.get("record_source").asText(), equalTo("event_sim"));
      assertThat(node.get("payload").toString(), not(equalTo("{}")));
    }
  }
}
