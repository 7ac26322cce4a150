package org.eventsim.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.eventsim.text.ByteBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.eventsim.model.Event;
import org.eventsim.model.EventBatch;
import org.eventsim.model.EventType;
import org.eventsim.model.OrderContext;
import org.eventsim.model.Payload;
import org.junit.Test;

/** The sort-and-cut core against a brute-force reference, with ties on every key. */
public class SortRecordsTest {
  private static final long DAY = 86_400_000_000L;
  private static final long SLICE = 10_000_000L; // 10 s parts

  @Test
  public void sortsByIngestIdAndLineAndCutsIntoPartsAndFragments() {
    SplittableRandom random = new SplittableRandom(3);
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      int ingestDay = 20_000 + random.nextInt(3);
      int eventDay = ingestDay - random.nextInt(2);
      // few distinct times and ids, so that ties on every key occur
      long ingest = ingestDay * DAY + random.nextInt(50) * 1_000_000L;
      records.add(new Rec(eventDay, ingest, random.nextInt(3), random.nextInt(3), "line-" + random.nextInt(100)));
    }
    List<Rec> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, new java.util.Random(1));

    Map<String, String> actual = new TreeMap<>();
    List<String> partOrder = new ArrayList<>();
    SortRecords.sortIntoParts(
        pack(shuffled, 7),
        ingest -> (int) ((ingest % DAY) / SLICE),
        true,
        new SortRecords.Sink() {
          @Override
          public void ingestPart(int ingestDay, int part, byte[] lines) {
            partOrder.add(ingestDay + "/" + part);
            actual.put("I " + ingestDay + "/" + part, new String(lines, StandardCharsets.US_ASCII));
          }

          @Override
          public void fragment(int eventDay, int ingestDay, int part, byte[] lines) {
            actual.put("E " + eventDay + " " + ingestDay + "/" + part, new String(lines, StandardCharsets.US_ASCII));
          }
        });

    records.sort(null);
    Map<String, String> expected = new TreeMap<>();
    List<String> expectedOrder = new ArrayList<>();
    for (Rec r : records) {
      String part = (r.ingest / DAY) + "/" + (r.ingest % DAY) / SLICE;
      if (expectedOrder.isEmpty() || !expectedOrder.get(expectedOrder.size() - 1).equals(part)) {
        expectedOrder.add(part);
      }
      expected.merge("I " + part, r.line + "\n", String::concat);
      expected.merge("E " + r.eventDay + " " + part, r.line + "\n", String::concat);
    }
    assertThat(partOrder, equalTo(expectedOrder));
    assertThat(actual, equalTo(expected));
  }

  private static List<byte[]> pack(List<Rec> records, int perChunk) {
    List<byte[]> chunks = new ArrayList<>();
    ByteBuilder buf = new ByteBuilder(1024);
    for (int i = 0; i < records.size(); i++) {
      Rec r = records.get(i);
      EventBatch.Cursor c = r.asBatch().cursor();
      c.next();
      SortRecords.append(buf, c);
      if ((i + 1) % perChunk == 0) {
        chunks.add(buf.toByteArray());
        buf.clear();
      }
    }
    chunks.add(buf.toByteArray());
    return chunks;
  }

  private record Rec(int eventDay, long ingest, long msb, long lsb, String line) implements Comparable<Rec> {
    EventBatch asBatch() {
      Event e =
          new Event(
              new UUID(msb, lsb), EventType.ORDER_CREATED, 1, eventDay * DAY, ingest,
              new OrderContext(0, "O-0000001", "T-001", "U-00001", "S-000001", "web", "prod"),
              Payload.builder().build(), "");
      return EventBatch.builder((out, event) -> out.appendAscii(line)).add(e).build();
    }

    @Override
    public int compareTo(Rec o) {
      int c = Long.compare(ingest, o.ingest);
      if (c == 0) c = Long.compareUnsigned(msb, o.msb);
      if (c == 0) c = Long.compareUnsigned(lsb, o.lsb);
      return c != 0 ? c : line.compareTo(o.line);
    }
  }
}
