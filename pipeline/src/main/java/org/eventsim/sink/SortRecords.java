package org.eventsim.sink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eventsim.model.Event;
import org.eventsim.model.EventRecord;

/**
 * Lines with their file day and arrival sort key, packed into byte arrays: {@code [file day:
 * 4][ingest time: 8][event id msb: 8][event id lsb: 8][line length: 4][line]} repeated. Generation
 * packs each block's share of a group into one array; the sorter unpacks a group's arrays, sorts
 * them and cuts the result into files.
 */
final class SortRecords {
  private static final int HEADER = 4 + 8 + 8 + 8 + 4;

  private SortRecords() {}

  /** Appends one record, filed under {@code fileDay}, to {@code out}. */
  static void append(ByteArrayOutputStream out, int fileDay, EventRecord r) {
    byte[] header =
        ByteBuffer.allocate(HEADER)
            .putInt(fileDay)
            .putLong(r.ingestTimeMicros())
            .putLong(r.eventIdMsb())
            .putLong(r.eventIdLsb())
            .putInt(r.line().length)
            .array();
    out.write(header, 0, HEADER);
    out.write(r.line(), 0, r.line().length);
  }

  /** A run of sorted lines that belong to one file part. */
  interface PartSink {
    void accept(int fileDay, int part, byte[] lines);
  }

  /**
   * Sorts all records of {@code packed} by (file day, ingest time, event id) and hands each file
   * part's lines, newline-terminated, to {@code sink} in that order.
   *
   * @param partOf the part of a record, from its file day and ingest time
   */
  static void sortIntoParts(Iterable<byte[]> packed, PartOf partOf, PartSink sink) {
    List<Entry> entries = new ArrayList<>();
    for (byte[] chunk : packed) {
      ByteBuffer buf = ByteBuffer.wrap(chunk);
      while (buf.hasRemaining()) {
        int day = buf.getInt();
        long ingest = buf.getLong();
        long msb = buf.getLong();
        long lsb = buf.getLong();
        int length = buf.getInt();
        entries.add(new Entry(day, ingest, msb, lsb, chunk, buf.position(), length));
        buf.position(buf.position() + length);
      }
    }
    Entry[] sorted = entries.toArray(new Entry[0]);
    Arrays.sort(sorted);
    int from = 0;
    while (from < sorted.length) {
      int day = sorted[from].day;
      int part = partOf.partOf(day, sorted[from].ingest);
      int to = from;
      long bytes = 0;
      while (to < sorted.length
          && sorted[to].day == day
          && partOf.partOf(day, sorted[to].ingest) == part) {
        bytes += sorted[to].length + 1;
        to++;
      }
      if (bytes > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException(
            "a sorted part exceeds 2 GiB (" + bytes + " bytes): lower --maxGroupEvents");
      }
      byte[] out = new byte[(int) bytes];
      int pos = 0;
      for (int i = from; i < to; i++) {
        Entry e = sorted[i];
        System.arraycopy(e.chunk, e.offset, out, pos, e.length);
        pos += e.length;
        out[pos++] = '\n';
      }
      sink.accept(day, part, out);
      from = to;
    }
  }

  /** The part of a record in a file. */
  interface PartOf {
    int partOf(int fileDay, long ingestMicros);
  }

  private record Entry(int day, long ingest, long msb, long lsb, byte[] chunk, int offset, int length)
      implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Integer.compare(day, o.day);
      if (c == 0) {
        c = Event.compareArrival(ingest, msb, lsb, o.ingest, o.msb, o.lsb);
      }
      return c != 0
          ? c
          : Arrays.compare(chunk, offset, offset + length, o.chunk, o.offset, o.offset + o.length);
    }
  }
}
