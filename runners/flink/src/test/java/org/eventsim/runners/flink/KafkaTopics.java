package org.eventsim.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics of the local broker (127.0.0.1:9092) back with Kafka's own consumer. */
final class KafkaTopics {
  static final String BROKER = "127.0.0.1:9092";
  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaTopics() {}

  /** A fresh topic name for one test. */
  static String topic(String what) {
    return "it-" + what + "-" + System.nanoTime();
  }

  static String header(ConsumerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  static String value(ConsumerRecord<String, byte[]> r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  static KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(p);
  }

  /**
   * Every record of {@code topic}, reading until {@code atLeast} arrived and nothing more comes,
   * sorted by partition and offset (so each key's records are in the order the topic holds them).
   */
  static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, long atLeast) {
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (all.size() < atLeast || emptyPolls < 3)) {
        int before = all.size();
        consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        emptyPolls = all.size() == before ? emptyPolls + 1 : 0;
      }
    }
    all.sort((a, b) -> a.partition() != b.partition()
        ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
    return all;
  }

  /** The sum of {@code topic}'s end offsets (its record count), or -1 while it does not exist. */
  static long endOffsets(KafkaConsumer<String, byte[]> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    if (infos == null || infos.isEmpty()) {
      return -1;
    }
    List<TopicPartition> partitions = new ArrayList<>();
    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The records are exactly the lines of an events.ndjson: the multiset of values is the lines',
   * each record's key is its order_id, its timestamp its ingest_time, its headers its event_type,
   * schema_version and event_id, and each key's records are that order's lines in file order.
   */
  static void assertRecordsAreTheLines(List<ConsumerRecord<String, byte[]>> records, List<String> lines)
      throws IOException {
    Map<String, Integer> expectedCounts = new HashMap<>();
    lines.forEach(l -> expectedCounts.merge(l, 1, Integer::sum));
    Map<String, Integer> actualCounts = new HashMap<>();
    Map<String, List<String>> byKey = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> rec : records) {
      String value = value(rec);
      actualCounts.merge(value, 1, Integer::sum);
      JsonNode event = JSON.readTree(value);
      assertThat(rec.key(), equalTo(event.get("payload").get("order_id").asText()));
      assertThat(
          "timestamp = ingest_time", rec.timestamp(), equalTo(Instant.parse(event.get("ingest_time").asText()).toEpochMilli()));
      assertThat(header(rec, "event_type"), equalTo(event.get("event_type").asText()));
      assertThat(header(rec, "schema_version"), equalTo(event.get("schema_version").asText()));
      assertThat(header(rec, "event_id"), equalTo(event.get("event_id").asText()));
      byKey.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(value);
    }
    assertThat(actualCounts, equalTo(expectedCounts));
    assertThat("each key's records are its order's lines, in order", byKey, equalTo(byOrder(lines)));
  }

  /**
   * At least once: after dropping the repeats of an event_id, the records are exactly the lines
   * (each key's first deliveries are its order's lines in file order), and every repeat is an exact
   * copy (key, value, timestamp, partition, headers) of the record it repeats.
   *
   * @return how many repeats there were
   */
  static int assertFirstDeliveriesAreTheLines(List<ConsumerRecord<String, byte[]>> records, List<String> lines)
      throws IOException {
    Map<String, ConsumerRecord<String, byte[]>> firstDelivery = new HashMap<>();
    Map<String, List<String>> byKey = new TreeMap<>();
    int repeats = 0;
    for (ConsumerRecord<String, byte[]> r : records) {
      ConsumerRecord<String, byte[]> first = firstDelivery.putIfAbsent(header(r, "event_id") + value(r), r);
      if (first == null) {
        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(value(r));
      } else {
        repeats++;
        assertThat(r.key(), equalTo(first.key()));
        assertThat(r.value(), equalTo(first.value()));
        assertThat(r.timestamp(), equalTo(first.timestamp()));
        assertThat(r.partition(), equalTo(first.partition()));
        for (String h : List.of("event_type", "schema_version", "event_id")) {
          assertThat(header(r, h), equalTo(header(first, h)));
        }
      }
    }
    assertThat("each key's first deliveries are its lines, in order", byKey, equalTo(byOrder(lines)));
    assertThat(records.size(), equalTo(lines.size() + repeats));
    return repeats;
  }

  /** The lines of each order_id, in file order. */
  private static Map<String, List<String>> byOrder(List<String> lines) throws IOException {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (String line : lines) {
      byKey.computeIfAbsent(JSON.readTree(line).get("payload").get("order_id").asText(), k -> new ArrayList<>()).add(line);
    }
    return byKey;
  }
}
