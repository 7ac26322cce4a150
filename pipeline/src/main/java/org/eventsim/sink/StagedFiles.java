package org.eventsim.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Small result files (stats.json, expected/) are staged by the pipeline under the scratch folder's
 * {@code commit/} and moved into place by the command only after the whole pipeline has succeeded,
 * so a run that fails part-way never leaves them looking current.
 */
final class StagedFiles {
  private StagedFiles() {}

  /** The staged copy of the output file {@code relativePath}. */
  static ResourceId staged(OutputLayout layout, String relativePath) {
    return layout.workFile("commit/" + relativePath);
  }

  /** Writes {@code bytes} as the staged copy of {@code relativePath}, atomically. */
  static ResourceId stage(OutputLayout layout, String relativePath, byte[] bytes)
      throws IOException {
    ResourceId temporary = layout.workFile("commit/" + relativePath + ".tmp");
    try (WritableByteChannel channel = FileSystems.create(temporary, MimeTypes.TEXT)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }
    ResourceId staged = staged(layout, relativePath);
    FileSystems.rename(List.of(temporary), List.of(staged));
    return staged;
  }

  /**
   * Moves the staged copies of {@code relativePaths} into place, in the given order.
   *
   * @throws IOException if one was not staged
   */
  static void commit(OutputLayout layout, List<String> relativePaths) throws IOException {
    for (String path : relativePaths) {
      FileSystems.rename(List.of(staged(layout, path)), List.of(layout.file(path)));
    }
  }
}
