package org.eventsim.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes through Beam's file systems, which every store supports, and composes by copying every
 * byte with a 1 MiB buffer. Where creating a file is atomic (an object store's upload appears whole when it
 * completes), the target is written directly; elsewhere into the scratch file, then renamed.
 */
public final class CopyingWriter implements StoreWriter {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER_BYTES = 1 << 20;

  private final boolean createIsAtomic;

  /** @param createIsAtomic whether a created file becomes visible only once closed */
  public CopyingWriter(boolean createIsAtomic) {
    this.createIsAtomic = createIsAtomic;
  }

  @Override
  public boolean createIsAtomic() {
    return createIsAtomic;
  }

  @Override
  public void compose(
      List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch, PipelineOptions options)
      throws IOException {
    createWhole(target, scratch, to -> copy(pieces, to));
  }

  /** Writes {@code to} as the bytes of {@code pieces}, in order. */
  public static void copy(List<ResourceId> pieces, ResourceId to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
    try (WritableByteChannel out = FileSystems.create(to, MimeTypes.BINARY)) {
      for (ResourceId piece : pieces) {
        try (ReadableByteChannel in = FileSystems.open(piece)) {
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
  }
}
