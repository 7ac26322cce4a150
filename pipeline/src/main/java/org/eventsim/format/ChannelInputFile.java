package org.eventsim.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over a seekable channel, such as Beam's file systems open on a local
 * disk, HDFS and S3. Each stream it opens reads through the same channel.
 */
final class ChannelInputFile implements InputFile {
  private final SeekableByteChannel channel;
  private final String name;

  ChannelInputFile(SeekableByteChannel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  @Override
  public long getLength() throws IOException {
    return channel.size();
  }

  @Override
  public SeekableInputStream newStream() {
    InputStream in = Channels.newInputStream(channel);
    return new DelegatingSeekableInputStream(in) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return channel.read(buf);
      }

      @Override
      public void close() {
        // the channel is its opener's to close
      }
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
