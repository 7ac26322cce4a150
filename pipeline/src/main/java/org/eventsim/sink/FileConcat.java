package org.eventsim.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Makes a file from its pieces: the "compose" step of a distributed sort, since FileIO writes the
 * elements of one file in no particular order.
 *
 * <p>Atomic: the file appears complete or not at all (pieces are joined into a staging file that
 * is then renamed). Idempotent: pieces from the scratch folder are deleted only once the file is in
 * place, and a retry that finds the file in place and its pieces gone knows the work is done (the
 * command cleared the file from any earlier run before this one started).
 *
 * <p>Any file system goes through Beam's {@link FileSystems} (copying every byte). On the local
 * file system, where most runs write, the first of the pieces is moved into place and the others
 * appended in the kernel: an event-date file is mostly its first piece (events that arrive on the
 * day they happen), so this writes it about once instead of twice. Beam's file system API has no
 * append, hence {@code java.nio} there.
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
    if (isLocal(target) && isLocal(staging) && pieces.stream().allMatch(FileConcat::isLocal)) {
      if (ownsPieces) {
        moveFirstAndAppend(path(staging), paths(pieces));
      } else {
        copyAll(path(staging), paths(pieces));
      }
    } else {
      copyThroughBeam(staging, pieces);
    }
    FileSystems.rename(List.of(staging), List.of(target));
    if (ownsPieces) {
      FileSystems.delete(pieces, StandardMoveOptions.IGNORE_MISSING_FILES);
      Files.deleteIfExists(lengthFile(path(staging)));
    }
    return target;
  }

  /**
   * Moves the first piece to {@code staging} and appends the others. The first piece's length is
   * recorded beforehand, so that a retry after a failure part-way (first piece already moved) can
   * cut the staging file back to it and append again.
   */
  private static void moveFirstAndAppend(Path staging, List<Path> pieces) throws IOException {
    Path first = pieces.get(0);
    Path length = lengthFile(staging);
    Files.createDirectories(staging.getParent());
    if (Files.exists(first)) {
      Files.writeString(length, Long.toString(Files.size(first)), StandardCharsets.US_ASCII);
      Files.move(first, staging, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } else if (!Files.exists(staging) || !Files.exists(length)) {
      throw new IOException("piece " + first + " is missing and no earlier attempt left " + staging);
    }
    long firstLength = Long.parseLong(Files.readString(length, StandardCharsets.US_ASCII).strip());
    try (FileChannel out = FileChannel.open(staging, StandardOpenOption.WRITE)) {
      out.truncate(firstLength);
      out.position(firstLength);
      appendAll(out, pieces.subList(1, pieces.size()));
    }
  }

  private static void copyAll(Path staging, List<Path> pieces) throws IOException {
    Files.createDirectories(staging.getParent());
    try (FileChannel out =
        FileChannel.open(
            staging, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      appendAll(out, pieces);
    }
  }

  /** Appends each piece to {@code out} with in-kernel copies. */
  private static void appendAll(FileChannel out, List<Path> pieces) throws IOException {
    for (Path piece : pieces) {
      try (FileChannel in = FileChannel.open(piece, StandardOpenOption.READ)) {
        long size = in.size();
        for (long done = 0; done < size; ) {
          done += in.transferTo(done, size - done, out);
        }
      }
    }
  }

  private static void copyThroughBeam(ResourceId staging, List<ResourceId> pieces) throws IOException {
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
  }

  private static Path lengthFile(Path staging) {
    return staging.resolveSibling(staging.getFileName() + ".first-piece-length");
  }

  private static boolean isLocal(ResourceId r) {
    return "file".equals(r.getScheme());
  }

  private static Path path(ResourceId r) {
    return Path.of(r.toString());
  }

  private static List<Path> paths(List<ResourceId> rs) {
    List<Path> paths = new ArrayList<>(rs.size());
    rs.forEach(r -> paths.add(path(r)));
    return paths;
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
