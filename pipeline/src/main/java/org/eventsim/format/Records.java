package org.eventsim.format;

import java.nio.ByteBuffer;

/**
 * How the sorted Avro records of a Parquet piece travel from the sort to the writer: each datum
 * preceded by its length, a 4-byte big-endian int. (JSON lines need no framing: each ends in a
 * newline.)
 */
public final class Records {
  /** Bytes of the length before each record. */
  public static final int LENGTH_BYTES = 4;

  private Records() {}

  /** Walks the framed records of {@code framed}, in order. */
  static void forEach(byte[] framed, RecordVisitor visitor) {
    ByteBuffer buf = ByteBuffer.wrap(framed);
    while (buf.hasRemaining()) {
      int length = buf.getInt();
      visitor.record(framed, buf.position(), length);
      buf.position(buf.position() + length);
    }
  }

  /** Receives one record: {@code length} bytes of {@code data} from {@code offset}. */
  @FunctionalInterface
  interface RecordVisitor {
    void record(byte[] data, int offset, int length);
  }
}
