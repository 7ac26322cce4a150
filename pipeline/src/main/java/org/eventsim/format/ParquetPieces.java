package org.eventsim.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes one sorted piece of events as a Parquet file, in memory, with parquet-avro's {@link
 * AvroParquetWriter} (what Beam's ParquetIO sink wraps): ZSTD pages, dictionary encoding, row groups
 * of at most {@link #ROW_GROUP_BYTES}, the footer in canonical form ({@link ParquetFooter}). A piece holds at most one sort group's events ({@code
 * --maxGroupEvents}), so the bytes held are bounded, and are a fraction of the same piece as JSON.
 */
final class ParquetPieces {
  /** Row group size: what the writer buffers before a row group is flushed. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  private ParquetPieces() {}

  /** The Parquet file of the framed Avro datums of {@code records} ({@link Records}), in order. */
  static byte[] write(byte[] records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(records.length / 4 + 4096);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(EventAvro.SCHEMA);
    try (ParquetWriter<GenericRecord> writer = open(new StreamOutputFile(bytes))) {
      GenericRecord[] reuse = new GenericRecord[1];
      BinaryDecoder[] decoder = new BinaryDecoder[1];
      IOException[] failed = new IOException[1];
      Records.forEach(
          records,
          (data, offset, length) -> {
            if (failed[0] != null) {
              return;
            }
            try {
              decoder[0] = DecoderFactory.get().binaryDecoder(data, offset, length, decoder[0]);
              reuse[0] = reader.read(reuse[0], decoder[0]);
              writer.write(reuse[0]);
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

  private static ParquetWriter<GenericRecord> open(StreamOutputFile file) throws IOException {
    return AvroParquetWriter.<GenericRecord>builder(file)
        .withConf(new PlainParquetConfiguration())
        .withSchema(EventAvro.SCHEMA)
        .withDataModel(GenericData.get())
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }
}
