package org.eventsim.format;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The format of the event files ({@code --format}, {@code --compression}): what a file's name
 * ends with, how a sorted piece of events becomes the bytes of a file, and how pieces are joined.
 *
 * <p>The event files are made of pieces sorted by different workers (see {@code
 * org.eventsim.sink.WriteEventFiles}). Every format here is chosen so that a piece is a valid file
 * on its own and pieces join without decoding:
 *
 * <ul>
 *   <li>NDJSON: lines, joined by concatenation;
 *   <li>NDJSON with gzip or zstd: each piece one gzip member or one zstd frame, joined by
 *       concatenation, which both formats define as the stream of the pieces' contents (what
 *       {@code gzip -d} and {@code zstd -d} read back);
 *   <li>Parquet: each piece a Parquet file of its own row groups; a file made of several pieces
 *       takes their row groups as they are, byte for byte, under one footer ({@link ParquetMerge}).
 * </ul>
 *
 * <p>Every encoding is a pure function of the piece's bytes, so files are byte-identical on every
 * runner and at every parallelism.
 */
public enum FileFormat {
  NDJSON("ndjson", "none", ".ndjson"),
  NDJSON_GZIP("ndjson", "gzip", ".ndjson.gz"),
  NDJSON_ZSTD("ndjson", "zstd", ".ndjson.zst"),
  PARQUET("parquet", "none", ".parquet");

  /** zstd's own default level, as the {@code zstd} command uses. */
  static final int ZSTD_LEVEL = 3;

  private final String format;
  private final String compression;
  private final String extension;

  FileFormat(String format, String compression, String extension) {
    this.format = format;
    this.compression = compression;
    this.extension = extension;
  }

  /** The format of {@code --format F --compression C}, or null when there is none. */
  public static FileFormat of(String format, String compression) {
    for (FileFormat f : values()) {
      if (f.format.equals(format) && f.compression.equals(compression)) {
        return f;
      }
    }
    return null;
  }

  /** The value of {@code --format}: ndjson or parquet. */
  public String format() {
    return format;
  }

  /** The value of {@code --compression}: none, gzip or zstd. */
  public String compression() {
    return compression;
  }

  /** What the files' names end with, e.g. {@code .ndjson.gz}. */
  public String extension() {
    return extension;
  }

  /**
   * Whether the sorted records of a piece are JSON lines, each ending in a newline; else they are
   * Avro datums of {@link EventAvro#SCHEMA} ({@link EventAvro#append}), each preceded by its
   * length as a 4-byte big-endian int ({@link Records}).
   */
  public boolean jsonLines() {
    return this != PARQUET;
  }

  /** Whether files are joined by concatenating their bytes (else by {@link ParquetMerge}). */
  public boolean concatenates() {
    return this != PARQUET;
  }

  /** The bytes of a file holding the sorted {@code records} of one piece. */
  public byte[] encode(byte[] records) {
    switch (this) {
      case NDJSON:
        return records;
      case NDJSON_GZIP:
        return gzip(records);
      case NDJSON_ZSTD:
        return Zstd.compress(records, ZSTD_LEVEL);
      case PARQUET:
        return ParquetPieces.write(records);
      default:
        throw new AssertionError(this);
    }
  }

  /** The bytes of a file holding no event: empty text, an empty gzip member or zstd frame, or a Parquet file with its schema and no rows. */
  public byte[] emptyFile() {
    return encode(new byte[0]);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 6 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }
}
