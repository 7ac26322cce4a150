package org.eventsim.sink.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eventsim.options.KafkaTarget;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.model.EventType;
import org.eventsim.text.ByteBuilder;

/**
 * Publishes every event to Kafka through {@link KafkaIO}: key the order id, value exactly the
 * event's events.ndjson line (UTF-8 bytes), record timestamp its ingest_time (milliseconds),
 * headers {@code event_type}, {@code schema_version} and {@code event_id}.
 *
 * <p>Ordering: each order's events are handed to the producer consecutively and in arrival order
 * (ingest_time, then event_id), and records of one key go to one partition, so a consumer of that
 * partition sees the order's simulated arrival sequence, late and out-of-order events included.
 *
 * <p>Delivery: {@code acks=all} with an idempotent producer, so a broker restart or a lost
 * connection is retried without loss; the retries are bounded by {@code delivery.timeout.ms} (2
 * minutes), after which the send fails and so does the run (no stats.json). At least once, not
 * exactly once: records the broker had appended but not yet acknowledged when it went away can be
 * appended again when the producer resends them after it comes back (measured: 27 of 886,068 in
 * the broker-restart test), and a bundle the runner retries after a failure is published again.
 * Duplicates repeat an {@code event_id} (a header), so consumers can drop them.
 */
public final class PublishToKafka extends PTransform<PCollection<EventBatch>, PDone> {
  /** Producer settings that lose nothing, and bound how long a send may keep retrying. */
  private static final Map<String, Object> PRODUCER_CONFIG =
      Map.of(
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
          ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
          ProducerConfig.LINGER_MS_CONFIG, 20,
          ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);

  private final KafkaTarget target;

  private PublishToKafka(KafkaTarget target) {
    this.target = target;
  }

  public static PublishToKafka to(KafkaTarget target) {
    return new PublishToKafka(target);
  }

  @Override
  public PDone expand(PCollection<EventBatch> batches) {
    return publish(
        batches.apply("ToProducerRecords", ParDo.of(new ToRecordsFn(target.topic()))),
        target.bootstrapServers(),
        target.topic());
  }

  /**
   * Publishes {@code records} (String keys, byte[] values) to {@code topic} through KafkaIO, with
   * {@link #PRODUCER_CONFIG}: the one producer set-up of every event-sim topic.
   */
  static PDone publish(
      PCollection<ProducerRecord<String, byte[]>> records, String bootstrapServers, String topic) {
    return records
        .setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
        .apply(
            "Publish",
            KafkaIO.<String, byte[]>writeRecords()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(ByteArraySerializer.class)
                .withProducerConfigUpdates(PRODUCER_CONFIG));
  }

  /** One record per event, each order's events in arrival order. */
  static final class ToRecordsFn extends DoFn<EventBatch, ProducerRecord<String, byte[]>> {
    private final String topic;
    /** Builds each record's event_id header (one DoFn instance serves one thread at a time). */
    private transient ByteBuilder eventId;

    ToRecordsFn(String topic) {
      this.topic = topic;
    }

    @Setup
    public void setup() {
      eventId = new ByteBuilder(36);
    }

    @ProcessElement
    public void process(@Element EventBatch batch, OutputReceiver<ProducerRecord<String, byte[]>> out) {
      List<Row> order = new ArrayList<>(5);
      EventBatch.Cursor c = batch.cursor();
      while (c.next()) {
        if (!order.isEmpty() && order.get(0).orderIndex != c.orderIndex()) {
          emit(order, out);
          order.clear();
        }
        order.add(new Row(c));
      }
      emit(order, out);
    }

    private void emit(List<Row> order, OutputReceiver<ProducerRecord<String, byte[]>> out) {
      if (order.isEmpty()) {
        return;
      }
      order.sort(
          (a, b) -> Event.compareArrival(a.ingestMicros, a.msb, a.lsb, b.ingestMicros, b.msb, b.lsb));
      String key = OrderLifecycle.orderId(order.get(0).orderIndex);
      for (Row r : order) {
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(topic, null, Math.floorDiv(r.ingestMicros, 1000), key, r.line);
        record.headers().add(new RecordHeader("event_type", TYPE_HEADER[r.type.ordinal()]));
        record.headers().add(new RecordHeader("schema_version", VERSION_HEADER[r.schemaVersion]));
        record.headers()
            .add(new RecordHeader("event_id", eventId.clear().appendUuid(r.msb, r.lsb).toByteArray()));
        out.output(record);
      }
    }
  }

  private static final byte[][] TYPE_HEADER = new byte[EventType.values().length][];
  private static final byte[][] VERSION_HEADER = {null, "1".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8)};

  static {
    for (EventType t : EventType.values()) {
      TYPE_HEADER[t.ordinal()] = t.wireName().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The fields of one event a record needs. */
  private static final class Row {
    final long orderIndex;
    final long ingestMicros;
    final long msb;
    final long lsb;
    final EventType type;
    final int schemaVersion;
    final byte[] line;

    Row(EventBatch.Cursor c) {
      orderIndex = c.orderIndex();
      ingestMicros = c.ingestTimeMicros();
      msb = c.eventIdMsb();
      lsb = c.eventIdLsb();
      type = c.type();
      schemaVersion = c.schemaVersion();
      line = Arrays.copyOfRange(c.data(), c.lineOffset(), c.lineOffset() + c.lineLength());
    }
  }
}
