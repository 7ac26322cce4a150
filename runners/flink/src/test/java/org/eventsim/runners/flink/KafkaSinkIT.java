package org.eventsim.runners.flink;

import static org.eventsim.runners.flink.KafkaTopics.BROKER;
import static org.eventsim.runners.flink.KafkaTopics.consumeAll;
import static org.eventsim.runners.flink.KafkaTopics.consumer;
import static org.eventsim.runners.flink.KafkaTopics.header;
import static org.eventsim.runners.flink.KafkaTopics.topic;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Kafka sink against a real broker on 127.0.0.1:9092 (started by src/scripts/kafka-local.sh
 * around these tests), read back with a plain consumer and compared with events.ndjson.
 */
public class KafkaSinkIT {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path FLINK_JAR = Path.of(System.getProperty("eventsim.flinkJar"));
  private static final Path DIRECT_JAR = Path.of(System.getProperty("eventsim.directJar"));
  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();
  private static final Path KAFKA = ROOT.resolve("src/scripts/kafka-local.sh");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** With --duplicate-rate: the topic holds every line as often as events.ndjson does. */
  @Test
  public void everyEventReachesKafkaInArrivalOrderPerOrderOnTheDirectRunnerDuplicatesIncluded() throws Exception {
    publishAndVerify(DIRECT_JAR, List.of("-XX:TieredStopAtLevel=1"), "--duplicate-rate", "0.05");
  }

  @Test
  public void everyEventReachesKafkaInArrivalOrderPerOrderOnEmbeddedFlink() throws Exception {
    publishAndVerify(FLINK_JAR, List.of());
  }

  @Test
  public void noFilesPublishesOnlyAndStillWritesStatsAndTheAnswerKey() throws Exception {
    String topic = topic("nofiles");
    Path out = TMP.newFolder().toPath();
    Result r = Processes.run(cmd(FLINK_JAR, List.of(), out, topic, "--n-orders", "3000", "--no-files"), 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList(), equalTo(List.of("expected", "stats.json")));
    }
    long events = JSON.readTree(out.resolve("stats.json").toFile()).get("n_events").asLong();
    assertThat((long) consumeAll(topic, events).size(), equalTo(events));
  }

  /** With Parquet files, the records are still the JSON lines: those of the same run in NDJSON. */
  @Test
  public void withParquetFilesTheRecordsStayJsonLines() throws Exception {
    String topic = topic("parquet");
    Path parquet = TMP.newFolder().toPath();
    Result r = Processes.run(cmd(FLINK_JAR, List.of(), parquet, topic, "--n-orders", "3000", "--format", "parquet"), 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(Files.exists(parquet.resolve("events.parquet")), equalTo(true));
    Path ndjson = TMP.newFolder().toPath();
    Result reference =
        Processes.run(Processes.javaJar(DIRECT_JAR, List.of(), "--out", ndjson.toString(), "--n-orders", "3000", "--start", "2026-02-01T00:00:00Z"), 5);
    assertThat(reference.stderr(), reference.code(), equalTo(0));
    List<String> lines = Files.readAllLines(ndjson.resolve("events.ndjson"));
    Map<String, Integer> expected = new HashMap<>();
    lines.forEach(l -> expected.merge(l, 1, Integer::sum));
    Map<String, Integer> actual = new HashMap<>();
    consumeAll(topic, lines.size()).forEach(rec -> actual.merge(new String(rec.value(), StandardCharsets.UTF_8), 1, Integer::sum));
    assertThat(actual, equalTo(expected));
  }

  /**
   * The broker is killed (SIGKILL, as in a crash) while records are provably in flight — the topic
   * grew between two looks and the run is still producing — and started again. Nothing is lost:
   * after dropping the repeats of an event_id, every key's records are exactly that order's lines
   * in events.ndjson order, and every repeat is an exact copy (key, value, timestamp, headers) of
   * the record it repeats.
   */
  @Test
  public void aBrokerKilledMidPublishLosesNothingAndOnlyRepeatsWholeRecords() throws Exception {
    String topic = topic("kill");
    Path out = TMP.newFolder().toPath();
    Process run =
        new ProcessBuilder(cmd(FLINK_JAR, List.of(), out, topic, "--n-orders", "300000"))
            .redirectErrorStream(true)
            .redirectOutput(TMP.newFile().toPath().toFile())
            .start();
    try {
      waitForGrowingTopic(topic, 50_000, run);
      assertThat(Processes.run(List.of(KAFKA.toString(), "kill"), 1).code(), equalTo(0));
      Result restart = Processes.run(List.of(KAFKA.toString(), "start"), 2);
      assertThat(restart.stderr(), restart.code(), equalTo(0));
      assertThat("the run completes", run.waitFor(8, TimeUnit.MINUTES), equalTo(true));
      assertThat(run.exitValue(), equalTo(0));
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(out.resolve("events.ndjson"));
    List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, lines.size());
    int repeats = KafkaTopics.assertFirstDeliveriesAreTheLines(records, lines);
    System.out.printf("broker killed: %d records, %d repeats%n", records.size(), repeats);
  }

  @Test
  public void anUnreachableBrokerFailsBeforeWritingAnything() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("never-written");
    List<String> cmd = Processes.javaJar(FLINK_JAR, List.of(), "--out", out.toString(), "--n-orders", "10",
        "--kafka-bootstrap", "127.0.0.1:1", "--kafka-timeout-seconds", "5");
    Result r = Processes.run(cmd, 2);
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr(), containsString("event-sim: --kafka-bootstrap 127.0.0.1:1: no Kafka broker answered within 5 s"));
    assertThat(r.stderr().strip().lines().count(), equalTo(1L));
    assertThat(Files.exists(out), equalTo(false));
  }

  private static void publishAndVerify(Path jar, List<String> jvm, String... extra) throws Exception {
    String topic = topic(jar.getFileName().toString().replace(".jar", ""));
    Path out = TMP.newFolder().toPath();
    List<String> cmd = cmd(jar, jvm, out, topic, "--n-orders", "20000", "--seed", "3");
    cmd.addAll(List.of(extra));
    Result r = Processes.run(cmd, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    List<String> lines = Files.readAllLines(out.resolve("events.ndjson"));
    if (extra.length > 0) {
      long distinct = lines.stream().map(l -> l.substring(0, 50)).distinct().count();
      assertThat("the run has duplicates", distinct < lines.size(), equalTo(true));
    }
    KafkaTopics.assertRecordsAreTheLines(consumeAll(topic, lines.size()), lines);
  }

  private static List<String> cmd(Path jar, List<String> jvm, Path out, String topic, String... flags) {
    List<String> cmd = new ArrayList<>(Processes.javaJar(jar, jvm, "--out", out.toString()));
    cmd.addAll(List.of("--kafka-bootstrap", BROKER, "--kafka-topic", topic, "--start", "2026-02-01T00:00:00Z"));
    cmd.addAll(List.of(flags));
    return cmd;
  }

  /**
   * Waits until {@code topic} holds at least {@code count} records and is still growing, while
   * {@code run} is alive: records are in flight. Polls every 250 ms, for at most two minutes.
   */
  private static void waitForGrowingTopic(String topic, long count, Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    long previous = -1;
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      while (System.nanoTime() < deadline) {
        if (!run.isAlive()) {
          throw new AssertionError("the run ended before the broker could be killed");
        }
        long end = KafkaTopics.endOffsets(consumer, topic);
        if (end >= count && previous >= 0 && end > previous) {
          return;
        }
        previous = end;
        Thread.sleep(250);
      }
    }
    throw new AssertionError("fewer than " + count + " records reached " + topic + ", growing, within two minutes");
  }
}
