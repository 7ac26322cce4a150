package org.eventsim.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one sorted piece of events as a Parquet file, in memory, with parquet-mr's {@link
 * ParquetWriter} over the Avro datums ({@link AvroBinaryWriteSupport}): ZSTD pages, dictionary
 * encoding where values repeat, row groups of at most {@link #ROW_GROUP_BYTES}, the footer in
 * canonical form ({@link ParquetFooter}). A piece holds at most one sort group's events ({@code
 * --maxGroupEvents}), so the bytes held are bounded, and are a fraction of the same piece as JSON.
 */
final class ParquetPieces {
  /** Row group size: what the writer buffers before a row group is flushed. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  /**
   * Columns unique, or nearly, to each event: a dictionary would be built only to be dropped, and
   * their min/max statistics prune nothing.
   */
  private static final String[] UNIQUE_COLUMNS = {
    "event_id", "event_time", "ingest_time", "checksum", "session_id", "payload.order_id",
    "payload.auth_code", "payload.tracking_id"
  };

  /**
   * Columns whose min/max statistics would prune no query (a constant, or labels spread over every
   * row group): they cost a comparison per value. The envelope's times, types, tenants and users,
   * and the amounts, keep theirs.
   */
  private static final String[] NO_STATISTICS = {
    "record_source", "payload.currency", "payload.promo_code", "payload.device_type",
    "payload.payment_method", "payload.reason", "payload.carrier", "payload.user_id"
  };

  private ParquetPieces() {}

  /** The Parquet file of the framed Avro datums of {@code records} ({@link Records}), in order. */
  static byte[] write(byte[] records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(records.length / 4 + 4096);
    try (ParquetWriter<AvroBinaryWriteSupport.Datum> writer = open(new StreamOutputFile(bytes))) {
      AvroBinaryWriteSupport.Datum datum = new AvroBinaryWriteSupport.Datum();
      IOException[] failed = new IOException[1];
      Records.forEach(
          records,
          (data, offset, length) -> {
            if (failed[0] != null) {
              return;
            }
            datum.data = data;
            datum.offset = offset;
            datum.length = length;
            try {
              writer.write(datum);
            } catch (IOException e) {
              failed[0] = e;
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a Parquet piece", e);
    }
    try {
      return ParquetFooter.canonical(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a Parquet piece", e);
    }
  }

  private static ParquetWriter<AvroBinaryWriteSupport.Datum> open(OutputFile file) throws IOException {
    Builder builder =
        new Builder(file)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            // per-page sizes of the values, for readers' planning: 2 % of the writing, and no
            // reader of these files needs them
            .withSizeStatisticsEnabled(false);
    for (String column : UNIQUE_COLUMNS) {
      builder = builder.withDictionaryEncoding(column, false).withStatisticsEnabled(column, false);
    }
    for (String column : NO_STATISTICS) {
      builder = builder.withStatisticsEnabled(column, false);
    }
    return builder.build();
  }

  private static final class Builder extends ParquetWriter.Builder<AvroBinaryWriteSupport.Datum, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<AvroBinaryWriteSupport.Datum> getWriteSupport(Configuration conf) {
      return new AvroBinaryWriteSupport(EventAvro.SCHEMA);
    }

    @Override
    protected WriteSupport<AvroBinaryWriteSupport.Datum> getWriteSupport(
        org.apache.parquet.conf.ParquetConfiguration conf) {
      return new AvroBinaryWriteSupport(EventAvro.SCHEMA);
    }
  }
}
