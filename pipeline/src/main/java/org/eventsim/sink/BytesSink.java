package org.eventsim.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.values.KV;

/**
 * A {@link FileIO.Sink} that writes each element's bytes as they are. Its elements are whole
 * sorted parts, so a file's content is exactly the one element written to it.
 */
final class BytesSink implements FileIO.Sink<KV<KV<String, Integer>, byte[]>> {
  private static final long serialVersionUID = 1L;

  private transient WritableByteChannel channel;

  @Override
  public void open(WritableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public void write(KV<KV<String, Integer>, byte[]> element) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(element.getValue());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  @Override
  public void flush() {}
}
