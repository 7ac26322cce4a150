package org.eventsim.sink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eventsim.expected.AnswerKeyAccumulator.Table;
import org.eventsim.expected.AnswerKeyJson;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.model.Timestamps;

/**
 * Publishes answer-key rows as they become final, one record each, to a topic of their own: key the
 * date ({@code 2026-01-02}), value one line of JSON {@code {"table":"by_ingest_date",
 * "date":"2026-01-02","row":{...}}} whose {@code row} is exactly that date's entry in {@code
 * expected/by_ingest_date.json} (or {@code by_event_date.json}), header {@code table}, record
 * timestamp the simulated instant the row became final. Same delivery as {@link PublishToKafka}:
 * at least once, so a consumer keeps the last record of each (table, date).
 */
public final class PublishAnswerKeyRows extends PTransform<PCollection<AnswerKeyRow>, PDone> {
  private final String bootstrapServers;
  private final String topic;
  private final long eventRowDelayMicros;

  private PublishAnswerKeyRows(String bootstrapServers, String topic, long eventRowDelayMicros) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.eventRowDelayMicros = eventRowDelayMicros;
  }

  /**
   * @param eventRowDelayMicros how long after its day a by_event_date row becomes final (the
   *     longest an event can take to arrive)
   */
  public static PublishAnswerKeyRows to(String bootstrapServers, String topic, long eventRowDelayMicros) {
    return new PublishAnswerKeyRows(bootstrapServers, topic, eventRowDelayMicros);
  }

  @Override
  public PDone expand(PCollection<AnswerKeyRow> rows) {
    return PublishToKafka.publish(
        rows.apply("ToProducerRecords", ParDo.of(new ToRecordFn(topic, eventRowDelayMicros))),
        bootstrapServers,
        topic);
  }

  private static final class ToRecordFn extends DoFn<AnswerKeyRow, ProducerRecord<String, byte[]>> {
    private final String topic;
    private final long eventRowDelayMicros;
    private transient ObjectMapper json;

    ToRecordFn(String topic, long eventRowDelayMicros) {
      this.topic = topic;
      this.eventRowDelayMicros = eventRowDelayMicros;
    }

    @Setup
    public void setup() {
      json = new ObjectMapper();
    }

    @ProcessElement
    public void process(@Element AnswerKeyRow row, OutputReceiver<ProducerRecord<String, byte[]>> out)
        throws JsonProcessingException {
      String date = Timestamps.formatDate(row.day());
      String table = AnswerKeyJson.fileName(row.table()).replace(".json", "");
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("table", table);
      value.put("date", date);
      value.put("row", AnswerKeyJson.row(row.table(), row.figures()));
      long finalMicros =
          (row.day() + 1L) * Timestamps.MICROS_PER_DAY
              + (row.table() == Table.BY_EVENT_DATE ? eventRowDelayMicros : 0);
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(topic, null, Math.floorDiv(finalMicros, 1000), date, json.writeValueAsBytes(value));
      record.headers().add(new RecordHeader("table", table.getBytes(StandardCharsets.UTF_8)));
      out.output(record);
    }
  }
}
