package org.eventsim.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts a Parquet file's footer in canonical form, so that the same rows give the same bytes in
 * every JVM. parquet-mr lists each column chunk's encodings in the order of a {@code HashSet} of
 * enum constants, whose hash codes are identities and differ from one JVM to the next: two runs
 * with the same rows wrote footers that differed in that order alone. The footer is read with
 * parquet's own Thrift structures, each list of encodings is sorted by its code, and the footer is
 * written back, with its key-value metadata sorted by key (the order of whatever map it came
 * from); nothing else changes.
 */
final class ParquetFooter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetFooter() {}

  /**
   * {@code tail}, the end of a Parquet file (at least its footer, its length and the magic), with
   * the footer in canonical form.
   */
  static byte[] canonical(byte[] tail) throws IOException {
    int n = tail.length;
    if (n < 12 || !ByteBuffer.wrap(tail, n - 4, 4).equals(ByteBuffer.wrap(MAGIC))) {
      throw new IOException("not the end of a Parquet file");
    }
    int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = n - 8 - footerLength;
    FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, footerStart, footerLength));
    if (footer.isSetKey_value_metadata()) {
      List<KeyValue> metadata = new ArrayList<>(footer.getKey_value_metadata());
      metadata.sort(Comparator.comparing(KeyValue::getKey));
      footer.setKey_value_metadata(metadata);
    }
    for (RowGroup group : footer.getRow_groups()) {
      for (ColumnChunk chunk : group.getColumns()) {
        if (chunk.isSetMeta_data() && chunk.getMeta_data().isSetEncodings()) {
          List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
          encodings.sort(Comparator.comparingInt(Encoding::getValue));
          chunk.getMeta_data().setEncodings(encodings);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
    out.write(tail, 0, footerStart);
    ByteArrayOutputStream written = new ByteArrayOutputStream(footerLength);
    Util.writeFileMetaData(footer, written);
    written.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(written.size()).array());
    out.write(MAGIC);
    return out.toByteArray();
  }

  /**
   * A stream onto {@code target} that, once {@link #footerFollows()} is called, holds back what is
   * written (the footer and the indexes before it) and writes it in canonical form on close.
   */
  static final class Canonicalizing extends OutputStream {
    private final OutputStream target;
    private ByteArrayOutputStream held;

    Canonicalizing(OutputStream target) {
      this.target = target;
    }

    /** What is written from now on is the end of the file. */
    void footerFollows() {
      held = new ByteArrayOutputStream(1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
      if (held != null) {
        held.write(b);
      } else {
        target.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (held != null) {
        held.write(b, off, len);
      } else {
        target.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }

    @Override
    public void close() throws IOException {
      try (OutputStream t = target) {
        if (held != null) {
          t.write(canonical(held.toByteArray()));
          held = null;
        }
      }
    }
  }
}
