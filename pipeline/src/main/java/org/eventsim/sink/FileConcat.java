package org.eventsim.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.MimeTypes;
import org.eventsim.format.FileFormat;
import org.eventsim.format.ParquetMerge;

/**
 * Makes a file from its pieces (the "compose" step of a distributed sort, since the pieces of one
 * file are sorted by different workers): by concatenation with the layout's {@link StoreWriter}, or
 * for Parquet by {@link ParquetMerge}.
 *
 * <p>Atomic: the file appears complete or not at all. Idempotent: scratch pieces are deleted only
 * once the file is in place, and a retry that finds the file in place and its pieces gone knows
 * the work is done (the file cannot be left from an earlier run: each run writes into its own
 * place).
 */
final class FileConcat {
  private FileConcat() {}

  /**
   * Makes {@code relativePath} in {@code layout} from {@code sources}, in order, and returns it.
   * A single source already at the target is left as is; a single scratch piece is renamed.
   */
  static ResourceId make(
      OutputLayout layout, FileFormat format, String relativePath, List<String> sources, PipelineOptions options)
      throws IOException {
    ResourceId target = layout.file(relativePath);
    List<ResourceId> pieces = new ArrayList<>(sources.size());
    for (String s : sources) {
      pieces.add(FileSystems.matchNewResource(s, false));
    }
    if (pieces.size() == 1 && pieces.get(0).toString().equals(target.toString())) {
      return target;
    }
    boolean ownsPieces = !pieces.isEmpty() && allInside(pieces, layout.work());
    if (ownsPieces && exists(target) && !existAll(pieces)) {
      return target; // made by an earlier attempt, which then deleted its pieces
    }
    if (ownsPieces && pieces.size() == 1) {
      FileSystems.rename(pieces, List.of(target));
      return target;
    }
    ResourceId scratch = layout.workFile("staging/" + relativePath);
    if (format.concatenates()) {
      layout.writer().compose(pieces, target, ownsPieces, scratch, options);
    } else {
      layout.writer().createWhole(target, scratch, to -> ParquetMerge.write(pieces, FileSystems.create(to, MimeTypes.BINARY)));
    }
    if (ownsPieces) {
      FileSystems.delete(pieces, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    return target;
  }

  private static boolean allInside(List<ResourceId> pieces, ResourceId dir) {
    String prefix = dir.toString();
    return pieces.stream().allMatch(p -> p.toString().startsWith(prefix));
  }

  private static boolean existAll(List<ResourceId> files) throws IOException {
    for (ResourceId f : files) {
      if (!exists(f)) {
        return false;
      }
    }
    return true;
  }

  static boolean exists(ResourceId file) throws IOException {
    try {
      return FileSystems.matchSingleFileSpec(file.toString()).resourceId() != null;
    } catch (FileNotFoundException e) {
      return false;
    }
  }
}
