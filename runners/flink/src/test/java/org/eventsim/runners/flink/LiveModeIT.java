package org.eventsim.runners.flink;

import static org.eventsim.runners.flink.KafkaTopics.BROKER;
import static org.eventsim.runners.flink.KafkaTopics.consumeAll;
import static org.eventsim.runners.flink.KafkaTopics.consumer;
import static org.eventsim.runners.flink.KafkaTopics.topic;
import static org.eventsim.runners.flink.KafkaTopics.value;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
import org.eventsim.testing.Waits;
import java.time.Duration;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Live mode on embedded Flink against the real broker on 127.0.0.1:9092: the topic ends up with
 * exactly the batch increment of the same days, published over the simulated span (not in a burst),
 * and {@code <topic>.expected} with the batch's answer-key rows.
 */
public class LiveModeIT {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path FLINK_JAR = Path.of(System.getProperty("eventsim.flinkJar"));
  private static final Path DIRECT_JAR = Path.of(System.getProperty("eventsim.directJar"));
  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String START = "2026-01-01T00:00:00Z";
  static final String UNTIL = "2026-01-04T00:00:00Z";
  static final String SPEED = "7200";
  /** The model: three simulated days take 36 s at 7200×; at most a day late, so a day's happenings are final 1.4 days on. */
  static final String[] MODEL = {
    "--orders-per-day", "2000", "--start", START, "--seed", "5", "--max-late-days", "1", "--late-rate", "0.1",
    "--out-of-order-rate", "0.1", "--duplicate-rate", "0.05"
  };

  @Test
  public void liveOnEmbeddedFlinkPublishesTheBatchIncrementPacedAndItsAnswerKey() throws Exception {
    String topic = topic("live");
    List<String> cmd = liveCommand(topic);
    long launched = System.nanoTime();
    Path stdoutFile = TMP.newFile().toPath();
    Process run =
        new ProcessBuilder(cmd).redirectError(TMP.newFile().toPath().toFile()).redirectOutput(stdoutFile.toFile()).start();
    List<long[]> samples = new ArrayList<>(); // {nanos since launch, records in the topic}
    try (KafkaConsumer<String, byte[]> c = consumer()) {
      while (!run.waitFor(200, TimeUnit.MILLISECONDS)) {
        samples.add(new long[] {System.nanoTime() - launched, Math.max(0, KafkaTopics.endOffsets(c, topic))});
        assertThat("the run ends", System.nanoTime() - launched < TimeUnit.MINUTES.toNanos(5), equalTo(true));
      }
    } finally {
      run.destroyForcibly();
    }
    String stdout = Files.readString(stdoutFile).strip();
    assertThat(run.exitValue(), equalTo(0));
    assertThat(stdout, startsWith("{\"status\":\"ok\",\"mode\":\"live\",\"runner\":\"FlinkRunner\""));

    Path batch = batch(TMP, "2026-01-01..2026-01-03");
    List<String> lines = Files.readAllLines(batch.resolve("events.ndjson"));
    assertThat(lines.size(), greaterThan(10_000));
    assertThat(JSON.readTree(stdout).get("events").asLong(), equalTo((long) lines.size()));
    List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, lines.size());
    KafkaTopics.assertRecordsAreTheLines(records, lines);

    // pacing: 10 % to 90 % of the records took at least 60 % of the simulated span over the speed
    double span = (Instant.parse(UNTIL).getEpochSecond() - Instant.parse(START).getEpochSecond()) / Double.parseDouble(SPEED);
    double took = (firstReaching(samples, 0.9 * lines.size()) - firstReaching(samples, 0.1 * lines.size())) / 1e9;
    assertThat("seconds from 10 % to 90 % of the records", took, greaterThanOrEqualTo(0.6 * span));
    // and none before its time: whenever the topic held n records, n events had arrived by the
    // simulated clock of that moment, which started no earlier than the launch
    long[] arrivals = records.stream().mapToLong(ConsumerRecord::timestamp).sorted().toArray();
    long startMillis = Instant.parse(START).toEpochMilli();
    for (long[] s : samples) {
      long clockMillis = startMillis + (long) (s[0] / 1e6 * Double.parseDouble(SPEED));
      long due = Arrays.stream(arrivals).filter(t -> t <= clockMillis).count();
      assertThat("records in the topic " + s[0] / 1e9 + " s after launch", s[1], lessThanOrEqualTo(due));
    }

    // the answer key: the increment's by_ingest_date rows, and the by_event_date rows final by
    // --until, equal to those of a batch range that covers all their late arrivals
    Map<String, JsonNode> published = answerKey(topic);
    JsonNode byIngest = JSON.readTree(batch.resolve("expected/by_ingest_date.json").toFile());
    JsonNode byEvent = JSON.readTree(batch(TMP, "2026-01-01..2026-01-06").resolve("expected/by_event_date.json").toFile());
    Map<String, JsonNode> expected = new TreeMap<>();
    byIngest.fields().forEachRemaining(e -> expected.put("by_ingest_date/" + e.getKey(), e.getValue()));
    expected.put("by_event_date/2026-01-01", byEvent.get("2026-01-01"));
    assertThat(published, equalTo(expected));
  }

  /**
   * SIGTERM stops an open-ended run (no --until) cleanly: exit 0, the summary says so, and every
   * event it counts is in the topic, each order's records a prefix of its lines in the batch. The
   * run is started by the launcher, and the signal goes to the launcher and its JVM at once, as a
   * service manager sends it to every process of a service: one request, not two.
   */
  @Test
  public void sigtermStopsAnOpenEndedRunAfterFlushingWhatItPublished() throws Exception {
    String topic = topic("live-stop");
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("event-sim").toString(), "--live", "--kafka-bootstrap", BROKER,
        "--kafka-topic", topic, "--speed", SPEED));
    cmd.addAll(List.of(MODEL));
    Processes.Result ended;
    try (Processes.Running run = Processes.start(cmd);
        KafkaConsumer<String, byte[]> c = consumer()) {
      Waits.until("records flow", Duration.ofMinutes(2), () -> {
        assertThat("the run is running", run.process().isAlive(), equalTo(true));
        return KafkaTopics.endOffsets(c, topic) >= 2000;
      });
      List<ProcessHandle> all = new ArrayList<>(run.process().descendants().toList());
      all.add(run.process().toHandle());
      for (ProcessHandle p : all) {
        assertThat(Processes.run(List.of("kill", "-TERM", Long.toString(p.pid())), 1).code(), equalTo(0));
      }
      ended = run.finish(Duration.ofMinutes(1));
      Waits.until("no JVM outlives the launcher", Duration.ofSeconds(10), () -> all.stream().noneMatch(ProcessHandle::isAlive));
    }
    assertThat(ended.stderr(), ended.code(), equalTo(0));
    JsonNode summary = JSON.readTree(ended.lastStdoutLine());
    assertThat(summary.get("ended_by").asText(), equalTo("signal"));
    long events = summary.get("events").asLong();
    List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, events);
    assertThat((long) records.size(), equalTo(events));
    Map<String, List<String>> lines = new TreeMap<>();
    for (String line : Files.readAllLines(batch(TMP, "2026-01-01..2026-01-03").resolve("events.ndjson"))) {
      lines.computeIfAbsent(JSON.readTree(line).get("payload").get("order_id").asText(), k -> new ArrayList<>()).add(line);
    }
    Map<String, List<String>> published = new TreeMap<>();
    records.forEach(r -> published.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(value(r)));
    published.forEach((key, values) ->
        assertThat(key, values, equalTo(lines.get(key).subList(0, values.size()))));
  }

  /** The DirectRunner plays a small model too: the same records as the batch increment. */
  @Test
  public void liveOnTheDirectRunnerPublishesTheBatchIncrement() throws Exception {
    String topic = topic("live-direct");
    String[] small = MODEL.clone();
    small[1] = "300";
    List<String> cmd = new ArrayList<>(Processes.javaJar(DIRECT_JAR, List.of(), "--live", "--kafka-bootstrap", BROKER,
        "--kafka-topic", topic, "--speed", "14400", "--until", "2026-01-03T00:00:00Z"));
    cmd.addAll(List.of(small));
    Result r = Processes.run(cmd, 3);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(r.lastStdoutLine(), startsWith("{\"status\":\"ok\",\"mode\":\"live\",\"runner\":\"DirectRunner\""));
    Path out = TMP.newFolder().toPath();
    List<String> batch = new ArrayList<>(Processes.javaJar(DIRECT_JAR, List.of(), "--out", out.toString(), "--ingest-dates", "2026-01-01..2026-01-02"));
    batch.addAll(List.of(small));
    assertThat(Processes.run(batch, 3).code(), equalTo(0));
    List<String> lines = Files.readAllLines(out.resolve("events.ndjson"));
    KafkaTopics.assertRecordsAreTheLines(consumeAll(topic, lines.size()), lines);
  }

  static List<String> liveCommand(String topic, String... extra) {
    List<String> cmd = new ArrayList<>(Processes.javaJar(FLINK_JAR, List.of(), "--live", "--kafka-bootstrap", BROKER,
        "--kafka-topic", topic, "--speed", SPEED, "--until", UNTIL));
    cmd.addAll(List.of(MODEL));
    cmd.addAll(List.of(extra));
    return cmd;
  }

  /** The batch increment of {@code days} of the same model, on the DirectRunner. */
  static Path batch(TemporaryFolder tmp, String days) throws Exception {
    Path out = tmp.newFolder().toPath();
    List<String> cmd = new ArrayList<>(Processes.javaJar(DIRECT_JAR, List.of("-XX:TieredStopAtLevel=1"), "--out", out.toString(), "--ingest-dates", days));
    cmd.addAll(List.of(MODEL));
    Result r = Processes.run(cmd, 5);
    assertThat(r.stderr(), r.code(), equalTo(0));
    return out;
  }

  /** The rows of {@code <topic>.expected} by table/date; the last record of each wins (at least once). */
  static Map<String, JsonNode> answerKey(String topic) throws Exception {
    Map<String, JsonNode> rows = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> r : consumeAll(topic + ".expected", 1)) {
      JsonNode v = JSON.readTree(value(r));
      assertThat(r.key(), equalTo(v.get("date").asText()));
      assertThat(KafkaTopics.header(r, "table"), equalTo(v.get("table").asText()));
      rows.put(v.get("table").asText() + "/" + v.get("date").asText(), v.get("row"));
    }
    return rows;
  }

  /** The first sample's time at which the topic held at least {@code records}. */
  private static long firstReaching(List<long[]> samples, double records) {
    for (long[] s : samples) {
      if (s[1] >= records) {
        return s[0];
      }
    }
    throw new AssertionError("the topic never held " + records + " records while the run was alive");
  }
}
