package org.eventsim.format;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;

/**
 * Makes one Parquet file of several, in order: their row groups are copied as they are, byte for
 * byte, without decoding a value ({@link ParquetFileReader#appendTo}), and one footer lists them
 * all. This is how a file sorted in
 * pieces by different workers is put together ({@link FileFormat#concatenates()} is false).
 *
 * <p>The pieces are read through Beam's file systems, each as a seekable channel (which a local
 * disk, HDFS and S3 all give); the file's schema and key-value metadata (the Avro schema, for
 * readers that want it) are the first piece's, which all pieces share. The footer is written in
 * canonical form ({@link ParquetFooter}).
 */
public final class ParquetMerge {
  private ParquetMerge() {}

  /** Writes the Parquet file of {@code pieces}, in order, onto {@code target}, and closes it. */
  public static void write(List<ResourceId> pieces, WritableByteChannel target) throws IOException {
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("no pieces to merge");
    }
    ParquetFooter.Canonicalizing out = new ParquetFooter.Canonicalizing(Channels.newOutputStream(target));
    ParquetFileWriter writer = null;
    Map<String, String> metadata = null;
    for (ResourceId piece : pieces) {
      try (ReadableByteChannel channel = FileSystems.open(piece);
          ParquetFileReader reader = ParquetFileReader.open(input(channel, piece), readOptions())) {
        if (writer == null) {
          FileMetaData first = reader.getFooter().getFileMetaData();
          metadata = first.getKeyValueMetaData();
          writer =
              new ParquetFileWriter(
                  new StreamOutputFile(out), first.getSchema(), ParquetFileWriter.Mode.CREATE,
                  ParquetPieces.ROW_GROUP_BYTES, 0);
          writer.start();
        }
        reader.appendTo(writer);
      }
    }
    out.footerFollows();
    writer.end(metadata);
  }

  /**
   * Read options without Hadoop: the default ones build a Hadoop {@code Configuration} for every
   * file opened, which cost a small run more than its whole Parquet writing.
   */
  private static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
  }

  private static ChannelInputFile input(ReadableByteChannel channel, ResourceId file) throws IOException {
    if (!(channel instanceof SeekableByteChannel seekable)) {
      throw new IOException("cannot read " + file + " at random: its file system gives no seekable channel");
    }
    return new ChannelInputFile(seekable, file.toString());
  }
}
