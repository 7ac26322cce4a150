package org.eventsim.sink;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * How the pipeline writes files on the output's store ({@link OutputLayout#writer()}): a whole
 * file from bytes, and a file composed from pieces (the "compose" step of the distributed sort).
 * Each store has the way that suits it; all hold at most a bounded buffer in memory, and the
 * pipeline never knows which store it writes to. The options are the pipeline's, for the store's
 * clients.
 */
public interface StoreWriter extends Serializable {
  /**
   * Writes {@code file} holding {@code bytes}, replacing it if it exists. A file being written may
   * be visible part-way on some stores: the pipeline reads a file only after the step that wrote
   * it has completed, and a retry writes the same bytes.
   */
  default void write(ResourceId file, byte[] bytes, PipelineOptions options) throws IOException {
    writeThroughBeam(file, bytes, MimeTypes.BINARY);
  }

  /** Writes {@code file} holding {@code bytes} through Beam's file systems, replacing it if it exists. */
  static void writeThroughBeam(ResourceId file, byte[] bytes, String mimeType) throws IOException {
    try (WritableByteChannel channel = FileSystems.create(file, mimeType)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
  }

  /**
   * Whether a file created through Beam's file systems becomes visible only once complete (an
   * object store's upload), so that a file can be written in place; elsewhere it is written aside
   * and renamed.
   */
  default boolean createIsAtomic() {
    return false;
  }

  /** Writes the content of a file to {@code file}. */
  @FunctionalInterface
  interface Content {
    void writeTo(ResourceId file) throws IOException;
  }

  /**
   * Writes {@code target} with {@code content} so that it appears complete or not at all: in place
   * where creating a file is atomic, else into {@code scratch}, then renamed.
   */
  default void createWhole(ResourceId target, ResourceId scratch, Content content) throws IOException {
    ResourceId written = createIsAtomic() ? target : scratch;
    content.writeTo(written);
    if (!createIsAtomic()) {
      FileSystems.rename(List.of(scratch), List.of(target));
    }
  }

  /**
   * Writes {@code target} as the bytes of {@code pieces}, in order. The target appears complete or
   * not at all. A call that is retried after a failure part-way writes the same bytes.
   *
   * @param ownPieces whether the pieces are scratch files this step may consume (the caller deletes
   *     what is left of them afterwards); else they are output files that must stay
   * @param scratch a scratch file the writer may use as it likes (and folders next to it)
   */
  void compose(
      List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch, PipelineOptions options)
      throws IOException;
}
