package org.eventsim.schema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eventsim.cli.CliRunner;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every line the command writes validates against the JSON Schemas in src/schema (envelope plus
 * the payload schema of its type and version), and stats.json against its schema; and the schemas
 * are strict enough to reject what is wrong.
 */
public class SchemaValidationTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final String ID_PREFIX = "https://event-sim.invalid/schema/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonSchema events;
  private static JsonSchema stats;
  private static JsonSchema expected;
  private static Path defaultsRun;
  private static Path oddRun;

  @BeforeClass
  public static void loadSchemasAndRun() throws Exception {
    Path dir = Path.of(System.getProperty("eventsim.schemaDir", "../src/schema")).toAbsolutePath().normalize();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, dir.toUri().toString())));
    events = factory.getSchema(SchemaLocation.of(ID_PREFIX + "event.schema.json"));
    stats = factory.getSchema(SchemaLocation.of(ID_PREFIX + "stats.schema.json"));
    expected = factory.getSchema(SchemaLocation.of(ID_PREFIX + "expected.schema.json"));
    defaultsRun = run("--n-orders", "3000");
    oddRun =
        run("--n-orders", "3000", "--v2-rate", "0.9", "--cancel-rate", "0.3", "--correction-rate", "0.6",
            "--tenant-count", "1500", "--user-count", "200000", "--seed", "-3");
  }

  private static Path run(String... flags) throws Exception {
    Path out = TMP.newFolder().toPath();
    String[] args = new String[flags.length + 2];
    args[0] = "--out";
    args[1] = out.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    assertThat(CliRunner.run(args), equalTo(0));
    return out;
  }

  @Test
  public void everyEventLineValidates() throws Exception {
    for (Path out : List.of(defaultsRun, oddRun)) {
      List<String> lines = Files.readAllLines(out.resolve("events.ndjson"));
      assertThat(lines.size(), greaterThan(8000));
      for (String line : lines) {
        Set<ValidationMessage> errors = events.validate(JSON.readTree(line));
        assertThat(line, errors, empty());
      }
    }
  }

  @Test
  public void statsValidate() throws Exception {
    for (Path out : List.of(defaultsRun, oddRun)) {
      assertThat(stats.validate(JSON.readTree(out.resolve("stats.json").toFile())), empty());
    }
  }

  @Test
  public void theAnswerKeyValidates() throws Exception {
    for (Path out : List.of(defaultsRun, oddRun)) {
      for (String f : List.of("by_event_date.json", "by_ingest_date.json", "totals.json")) {
        JsonNode key = JSON.readTree(out.resolve("expected").resolve(f).toFile());
        assertThat(f, expected.validate(key), empty());
      }
    }
    ObjectNode totals = (ObjectNode) JSON.readTree(defaultsRun.resolve("expected/totals.json").toFile());
    totals.put("orders_created", -1);
    assertThat(expected.validate(totals), not(empty()));
  }

  /** A run of no orders writes empty date maps ({ }) and zero totals: valid too. */
  @Test
  public void theAnswerKeyOfAnEmptyRunValidates() throws Exception {
    Path empty = run("--n-orders", "0");
    for (String f : List.of("by_event_date.json", "by_ingest_date.json", "totals.json")) {
      JsonNode key = JSON.readTree(empty.resolve("expected").resolve(f).toFile());
      assertThat(f, expected.validate(key), empty());
    }
    assertThat(JSON.readTree(empty.resolve("expected/by_event_date.json").toFile()).size(), equalTo(0));
    ObjectNode wrongDay = (ObjectNode) JSON.readTree("{\"2026-01-01\": {\"orders_created\": 1}}");
    assertThat(expected.validate(wrongDay), not(empty()));
  }

  @Test
  public void theSchemasRejectWrongEvents() throws Exception {
    String first = Files.readAllLines(defaultsRun.resolve("events.ndjson")).get(0);
    assertInvalid(first, n -> n.put("extra", 1));
    assertInvalid(first, n -> n.remove("checksum"));
    assertInvalid(first, n -> n.put("event_time", "2026-01-01T00:00:00Z"));
    assertInvalid(first, n -> n.put("schema_version", 3));
    assertInvalid(first, n -> n.put("event_id", "not-a-uuid"));
    assertInvalid(first, n -> ((ObjectNode) n.get("payload")).put("amount", 600.0));
    assertInvalid(first, n -> ((ObjectNode) n.get("payload")).put("promo_code", "PROMO99"));
    assertInvalid(first, n -> ((ObjectNode) n.get("payload")).remove("currency"));
  }

  private static void assertInvalid(String line, java.util.function.Consumer<ObjectNode> breakIt)
      throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(line);
    breakIt.accept(node);
    assertThat(node.toString(), events.validate(node), not(empty()));
  }

}
