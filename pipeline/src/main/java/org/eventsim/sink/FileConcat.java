package org.eventsim.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Makes a file from its pieces through Beam's {@link FileSystems}: the "compose" step of a
 * distributed sort, since FileIO writes the elements of one file in no particular order.
 *
 * <p>Atomic: the file appears complete or not at all (pieces are joined into a staging file that
 * is then renamed). Idempotent: pieces from the scratch folder are deleted only once the file is in
 * place, and a retry that finds the file in place and its pieces gone knows the work is done (the
 * command cleared the file from any earlier run before this one started).
 */
final class FileConcat {
  private static final int BUFFER_BYTES = 1 << 20;

  private FileConcat() {}

  /**
   * Makes {@code relativePath} in {@code layout} from {@code sources}, in order, and returns it.
   * A single source already at the target is left as is; a single scratch piece is renamed.
   */
  static ResourceId make(OutputLayout layout, String relativePath, List<String> sources) throws IOException {
    ResourceId target = layout.file(relativePath);
    List<ResourceId> pieces = new ArrayList<>(sources.size());
    for (String s : sources) {
      pieces.add(FileSystems.matchNewResource(s, false));
    }
    if (pieces.size() == 1 && pieces.get(0).toString().equals(target.toString())) {
      return target;
    }
    boolean ownsPieces = !pieces.isEmpty() && allInside(pieces, layout.workDir());
    if (ownsPieces && exists(target) && !existAll(pieces)) {
      return target; // made by an earlier attempt, which then deleted its pieces
    }
    if (ownsPieces && pieces.size() == 1) {
      FileSystems.rename(pieces, List.of(target));
      return target;
    }
    ResourceId staging = layout.workFile("staging/" + relativePath);
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
    try (WritableByteChannel out = FileSystems.create(staging, MimeTypes.BINARY)) {
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
    FileSystems.rename(List.of(staging), List.of(target));
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

  private static boolean exists(ResourceId file) throws IOException {
    try {
      return FileSystems.matchSingleFileSpec(file.toString()).resourceId() != null;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

}
