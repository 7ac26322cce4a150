package org.eventsim.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eventsim.model.Event;
import org.eventsim.format.Records;
import org.eventsim.model.EventBatch;
import org.eventsim.text.ByteBuilder;

/**
 * Events with their arrival sort key and event day, packed into byte arrays: {@code [event day:
 * 4][ingest time: 8][event id msb: 8][event id lsb: 8][line length: 4][line]} repeated. Generation
 * packs each block's share of a sort group into one array; the sorter unpacks a group's arrays,
 * sorts them by arrival and cuts the result into ingest-date parts and event-date fragments.
 */
final class SortRecords {
  private static final int HEADER = 4 + 8 + 8 + 8 + 4;

  private SortRecords() {}

  /** Appends the cursor's current event to {@code out}. */
  static void append(ByteBuilder out, EventBatch.Cursor e) {
    out.putInt(e.eventDay())
        .putLong(e.ingestTimeMicros())
        .putLong(e.eventIdMsb())
        .putLong(e.eventIdLsb())
        .putInt(e.lineLength())
        .put(e.data(), e.lineOffset(), e.lineLength());
  }

  /**
   * Receives the sorted records of a group, in arrival order: JSON lines, each newline-terminated,
   * or Avro datums, each preceded by its length ({@link Records}).
   */
  interface Sink {
    /** All lines of part {@code part} of ingest day {@code ingestDay}. */
    void ingestPart(int ingestDay, int part, byte[] lines);

    /** The lines of that part whose events happened on {@code eventDay}. */
    void fragment(int eventDay, int ingestDay, int part, byte[] lines);
  }

  /** The part, within its ingest day, of an arrival time. */
  interface PartOf {
    int partOf(long ingestMicros);
  }

  /**
   * Sorts all records of {@code packed} by (ingest time, event id, record) and hands each ingest
   * part, and each event-day fragment of it, to {@code sink}, framed as JSON lines or length-prefixed
   * ({@code jsonLines}).
   *
   * <p>Sorting is on primitive keys: the ingest time (shortened by as few low bits as the group's
   * time range requires) and the record's index packed into one {@code long}, sorted with {@link
   * Arrays#sort(long[])}; the rare runs that tie on the shortened key are then put in exact order.
   */
  static void sortIntoParts(Iterable<byte[]> packed, PartOf partOf, boolean jsonLines, Sink sink) {
    Unpacked r = Unpacked.unpack(packed, jsonLines);
    int n = r.size;
    int[] order = r.sortedOrder();
    int from = 0;
    while (from < n) {
      long firstIngest = r.ingest[order[from]];
      int day = (int) Math.floorDiv(firstIngest, 86_400_000_000L);
      int part = partOf.partOf(firstIngest);
      long dayEnd = (day + 1L) * 86_400_000_000L;
      int to = from;
      while (to < n && r.ingest[order[to]] < dayEnd && partOf.partOf(r.ingest[order[to]]) == part) {
        to++;
      }
      sink.ingestPart(day, part, r.lines(order, from, to, Integer.MIN_VALUE));
      int[] eventDays = r.distinctEventDays(order, from, to);
      for (int eventDay : eventDays) {
        sink.fragment(eventDay, day, part, r.lines(order, from, to, eventDay));
      }
      from = to;
    }
  }

  /** The unpacked records of a group, as parallel primitive arrays. */
  private static final class Unpacked {
    final byte[][] chunks;
    final int size;
    final boolean jsonLines;
    final int[] eventDay;
    final long[] ingest;
    final long[] msb;
    final long[] lsb;
    final int[] chunk;
    final int[] offset;
    final int[] length;

    private Unpacked(byte[][] chunks, int size, boolean jsonLines) {
      this.chunks = chunks;
      this.size = size;
      this.jsonLines = jsonLines;
      eventDay = new int[size];
      ingest = new long[size];
      msb = new long[size];
      lsb = new long[size];
      chunk = new int[size];
      offset = new int[size];
      length = new int[size];
    }

    static Unpacked unpack(Iterable<byte[]> packed, boolean jsonLines) {
      List<byte[]> chunkList = new ArrayList<>();
      int size = 0;
      for (byte[] c : packed) {
        chunkList.add(c);
        ByteBuffer buf = ByteBuffer.wrap(c);
        while (buf.hasRemaining()) {
          buf.position(buf.position() + HEADER - 4);
          buf.position(buf.position() + 4 + buf.getInt());
          size++;
        }
      }
      Unpacked r = new Unpacked(chunkList.toArray(new byte[0][]), size, jsonLines);
      int i = 0;
      for (int c = 0; c < r.chunks.length; c++) {
        ByteBuffer buf = ByteBuffer.wrap(r.chunks[c]);
        while (buf.hasRemaining()) {
          r.eventDay[i] = buf.getInt();
          r.ingest[i] = buf.getLong();
          r.msb[i] = buf.getLong();
          r.lsb[i] = buf.getLong();
          r.length[i] = buf.getInt();
          r.chunk[i] = c;
          r.offset[i] = buf.position();
          buf.position(buf.position() + r.length[i]);
          i++;
        }
      }
      return r;
    }

    /** Record indexes in (ingest, event id, line) order. */
    int[] sortedOrder() {
      if (size == 0) {
        return new int[0];
      }
      long minIngest = Long.MAX_VALUE;
      long maxIngest = Long.MIN_VALUE;
      for (int i = 0; i < size; i++) {
        minIngest = Math.min(minIngest, ingest[i]);
        maxIngest = Math.max(maxIngest, ingest[i]);
      }
      int indexBits = bits(size - 1L);
      int shift = Math.max(0, bits(maxIngest - minIngest) - (63 - indexBits));
      long[] keys = new long[size];
      for (int i = 0; i < size; i++) {
        keys[i] = (((ingest[i] - minIngest) >>> shift) << indexBits) | i;
      }
      Arrays.sort(keys);
      int[] order = new int[size];
      long indexMask = (1L << indexBits) - 1;
      for (int i = 0; i < size; i++) {
        order[i] = (int) (keys[i] & indexMask);
      }
      // Runs equal on the shortened ingest time are in index order: put them in exact order.
      int from = 0;
      for (int i = 1; i <= size; i++) {
        if (i == size || (keys[i] >>> indexBits) != (keys[from] >>> indexBits)) {
          if (i - from > 1) {
            exactSort(order, from, i);
          }
          from = i;
        }
      }
      return order;
    }

    /** The distinct event days among {@code order[from, to)}, ascending. */
    int[] distinctEventDays(int[] order, int from, int to) {
      int[] days = new int[0];
      for (int i = from; i < to; i++) {
        int d = eventDay[order[i]];
        if (Arrays.binarySearch(days, d) < 0) {
          days = Arrays.copyOf(days, days.length + 1);
          days[days.length - 1] = d;
          Arrays.sort(days);
        }
      }
      return days;
    }

    /**
     * The framed records of {@code order[from, to)} (of event day {@code day}, or all for
     * MIN_VALUE).
     */
    byte[] lines(int[] order, int from, int to, int day) {
      long bytes = 0;
      for (int i = from; i < to; i++) {
        int k = order[i];
        if (day == Integer.MIN_VALUE || eventDay[k] == day) {
          bytes += length[k] + (jsonLines ? 1 : Records.LENGTH_BYTES);
        }
      }
      if (bytes > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException(
            "a sorted part exceeds 2 GiB (" + bytes + " bytes): lower --maxGroupEvents");
      }
      byte[] out = new byte[(int) bytes];
      int pos = 0;
      for (int i = from; i < to; i++) {
        int k = order[i];
        if (day == Integer.MIN_VALUE || eventDay[k] == day) {
          if (!jsonLines) {
            int n = length[k];
            out[pos++] = (byte) (n >>> 24);
            out[pos++] = (byte) (n >>> 16);
            out[pos++] = (byte) (n >>> 8);
            out[pos++] = (byte) n;
          }
          System.arraycopy(chunks[chunk[k]], offset[k], out, pos, length[k]);
          pos += length[k];
          if (jsonLines) {
            out[pos++] = '\n';
          }
        }
      }
      return out;
    }

    private void exactSort(int[] order, int from, int to) {
      Integer[] run = new Integer[to - from];
      for (int i = from; i < to; i++) {
        run[i - from] = order[i];
      }
      Arrays.sort(run, this::compare);
      for (int i = from; i < to; i++) {
        order[i] = run[i - from];
      }
    }

    private int compare(int a, int b) {
      int c = Event.compareArrival(ingest[a], msb[a], lsb[a], ingest[b], msb[b], lsb[b]);
      return c != 0
          ? c
          : Arrays.compare(
              chunks[chunk[a]], offset[a], offset[a] + length[a],
              chunks[chunk[b]], offset[b], offset[b] + length[b]);
    }

    private static int bits(long range) {
      return 64 - Long.numberOfLeadingZeros(range);
    }
  }
}
