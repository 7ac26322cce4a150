package org.eventsim.sink.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.json.EventJson;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.source.OrderBlock;
import org.junit.Rule;
import org.junit.Test;

/** The records the Kafka sink produces, before any broker: content, headers, timestamps, order. */
public class ToRecordsFnTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder().numOrders(300).outOfOrderRate(0.5).lateRate(0.3).build();

  @Test
  public void oneRecordPerEventEachOrdersInArrivalOrder() {
    EventBatch batch = GenerateEvents.batchOf(new OrderBlock(0, CONFIG.numOrders()), CONFIG);
    PCollection<ProducerRecord<String, byte[]>> records =
        p.apply(Create.of(batch).withCoder(EventBatch.Coder.of()))
            .apply(ParDo.of(new PublishToKafka.ToRecordsFn("events")))
            .setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));

    PAssert.that(records)
        .satisfies(
            actual -> {
              List<ProducerRecord<String, byte[]>> list = new ArrayList<>();
              actual.forEach(list::add);
              List<String> expected = new ArrayList<>();
              for (long i = 0; i < CONFIG.numOrders(); i++) {
                List<Event> arrival = new ArrayList<>(OrderLifecycle.events(i, CONFIG));
                arrival.sort(Event.ARRIVAL_ORDER);
                arrival.forEach(e -> expected.add(EventJson.toLine(e)));
              }
              List<String> values = new ArrayList<>();
              for (ProducerRecord<String, byte[]> r : list) {
                String line = new String(r.value(), StandardCharsets.UTF_8);
                values.add(line);
                assertThat(r.topic(), equalTo("events"));
                assertThat(line, org.hamcrest.Matchers.containsString("\"order_id\":\"" + r.key() + "\""));
                String ingest = line.replaceAll(".*\"ingest_time\":\"([^\"]+)\".*", "$1");
                assertThat(r.timestamp(), equalTo(Instant.parse(ingest).toEpochMilli()));
                assertThat(header(r, "event_id"), equalTo(line.substring(13, 49)));
                assertThat(line, org.hamcrest.Matchers.containsString("\"event_type\":\"" + header(r, "event_type") + "\""));
                assertThat(line, org.hamcrest.Matchers.containsString("\"schema_version\":" + header(r, "schema_version") + ","));
              }
              // one DoFn call emits the block's records order by order, each order by arrival
              assertThat(values, equalTo(expected));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static String header(ProducerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
