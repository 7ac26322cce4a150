package org.eventsim.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.sink.StoreWriter;

/**
 * Writes on a local disk through Beam's file systems, and composes without copying the first piece: it is moved to the scratch file and
 * the others are appended in the kernel, then the scratch file is renamed into place. An
 * event-date file is mostly its first piece (the events that arrive on the day they happen), so
 * this writes it about once instead of twice. Pieces the step does not own are copied.
 *
 * <p>A retry after a failure part-way (first piece already moved, some appended) cuts the scratch
 * file back to the first piece's length, recorded before the move, and appends again.
 */
final class LocalWriter implements StoreWriter {
  private static final long serialVersionUID = 1L;

  @Override
  public void compose(
      List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch, PipelineOptions options)
      throws IOException {
    Path staging = LocalStore.path(scratch);
    Files.createDirectories(staging.getParent());
    List<Path> paths = pieces.stream().map(LocalStore::path).toList();
    if (ownPieces && !paths.isEmpty()) {
      moveFirstAndAppend(staging, paths);
    } else {
      try (FileChannel out =
          FileChannel.open(
              staging, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        appendAll(out, paths);
      }
    }
    Path to = LocalStore.path(target);
    Files.createDirectories(to.getParent());
    Files.move(staging, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(lengthFile(staging));
  }

  private static void moveFirstAndAppend(Path staging, List<Path> pieces) throws IOException {
    Path first = pieces.get(0);
    Path length = lengthFile(staging);
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

  private static Path lengthFile(Path staging) {
    return staging.resolveSibling(staging.getFileName() + ".first-piece-length");
  }
}
