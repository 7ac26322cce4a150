package org.eventsim.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.model.Event;
import org.eventsim.model.Money;
import org.eventsim.model.Payload;
import org.eventsim.text.ByteBuilder;
import org.junit.Test;

/** Every event's datum, read back with Avro's own reader, holds the event's every value. */
public class EventAvroTest {
  @Test
  public void avrosReaderReadsBackEveryValue() throws Exception {
    GeneratorConfig config = GeneratorConfig.builder().numOrders(3000).correctionRate(0.3).v2Rate(0.5).build();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(EventAvro.SCHEMA);
    int events = 0;
    for (long order = 0; order < config.numOrders(); order++) {
      for (Event e : OrderLifecycle.events(order, config)) {
        ByteBuilder out = new ByteBuilder(256);
        EventAvro.append(out, e);
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(out.array(), 0, out.length(), null);
        GenericRecord r = reader.read(null, in);
        assertThat("the whole datum is read", in.isEnd(), equalTo(true));
        assertThat(r.get("event_id").toString(), equalTo(e.eventId().toString()));
        assertThat(r.get("event_type").toString(), equalTo(e.type().wireName()));
        assertThat(r.get("schema_version"), equalTo(e.schemaVersion()));
        assertThat(r.get("event_time"), equalTo(e.eventTimeMicros()));
        assertThat(r.get("ingest_time"), equalTo(e.ingestTimeMicros()));
        assertThat(r.get("tenant_id").toString(), equalTo(e.order().tenantId()));
        assertThat(r.get("user_id").toString(), equalTo(e.order().userId()));
        assertThat(r.get("session_id").toString(), equalTo(e.order().sessionId()));
        assertThat(r.get("source_system").toString(), equalTo(e.order().sourceSystem()));
        assertThat(r.get("environment").toString(), equalTo(e.order().environment()));
        assertThat(r.get("record_source").toString(), equalTo(Event.RECORD_SOURCE));
        assertThat(r.get("checksum").toString(), equalTo(e.checksum()));
        GenericRecord payload = (GenericRecord) r.get("payload");
        for (org.apache.avro.Schema.Field f : payload.getSchema().getFields()) {
          Object expected = e.payload().has(f.name()) ? e.payload().get(f.name()) : null;
          Object actual = payload.get(f.name());
          if (expected instanceof Money m) {
            ByteBuffer b = (ByteBuffer) actual;
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            assertThat(f.name(), new BigDecimal(new BigInteger(bytes), 2), equalTo(BigDecimal.valueOf(m.cents(), 2)));
          } else {
            assertThat(f.name(), actual == null ? null : actual.toString(), equalTo(expected));
          }
        }
        events++;
      }
    }
    assertThat(events > 9000, equalTo(true));
  }

  @Test
  public void decimalsOfEverySizeAndSignReadBack() throws Exception {
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(EventAvro.SCHEMA);
    Event base = OrderLifecycle.events(0, GeneratorConfig.builder().build()).get(0);
    for (long cents : List.of(0L, 1L, -1L, 127L, 128L, -128L, -129L, 32767L, 32768L, 50000L, 999999L, -999999L, 99999999L)) {
      Payload p = Payload.builder().put("order_id", "O-0000001").put("amount", new Money(cents)).build();
      Event e = new Event(base.eventId(), base.type(), 1, base.eventTimeMicros(), base.ingestTimeMicros(), base.order(), p, base.checksum());
      ByteBuilder out = new ByteBuilder(256);
      EventAvro.append(out, e);
      GenericRecord r = reader.read(null, DecoderFactory.get().binaryDecoder(out.array(), 0, out.length(), null));
      ByteBuffer b = (ByteBuffer) ((GenericRecord) r.get("payload")).get("amount");
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      assertThat(bytes, equalTo(BigInteger.valueOf(cents).toByteArray()));
    }
  }
}
