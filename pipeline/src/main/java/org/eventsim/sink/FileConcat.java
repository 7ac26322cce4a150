package org.eventsim.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Concatenates files through Beam's {@link FileSystems}, atomically: the target appears complete
 * or not at all. Idempotent: a retry rewrites the same bytes. Sources are left in place.
 *
 * <p>This is the "compose" step of a distributed sort: FileIO writes elements of one file in no
 * particular order, so sorted parts are written as files of their own and joined here, in order.
 */
final class FileConcat {
  private static final int BUFFER_BYTES = 1 << 20;

  private FileConcat() {}

  /** Writes the concatenation of {@code sources} to {@code staging}, then renames it to {@code target}. */
  static void concat(List<ResourceId> sources, ResourceId staging, ResourceId target)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
    try (WritableByteChannel out = FileSystems.create(staging, MimeTypes.BINARY)) {
      for (ResourceId source : sources) {
        try (ReadableByteChannel in = FileSystems.open(source)) {
          while (in.read(buf) != -1) {
            buf.flip();
            while (buf.hasRemaining()) {
              out.write(buf);
            }
            buf.clear();
          }
        }
      }
    }
    FileSystems.rename(List.of(staging), List.of(target));
  }
}
