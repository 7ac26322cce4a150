package org.eventsim.sink;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Small result files (stats.json, expected/) are staged by the pipeline in the scratch folder
 * ({@link OutputLayout#staged}); the owner of the output folder moves them into place only after
 * the whole pipeline has succeeded, so a run that fails part-way never leaves them looking current.
 */
final class StagedFiles {
  private StagedFiles() {}

  /** Writes {@code bytes} as the staged copy of {@code relativePath}, atomically. */
  static ResourceId stage(OutputLayout layout, String relativePath, byte[] bytes) throws IOException {
    ResourceId temporary = layout.staged(relativePath + ".tmp");
    StoreWriter.writeThroughBeam(temporary, bytes, MimeTypes.TEXT);
    ResourceId staged = layout.staged(relativePath);
    FileSystems.rename(List.of(temporary), List.of(staged));
    return staged;
  }
}
