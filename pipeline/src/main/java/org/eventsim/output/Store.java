package org.eventsim.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.MimeTypes;
import org.eventsim.sink.StoreWriter;

/**
 * The store an output folder is on, as the output needs it. Most of it is Beam's {@link
 * FileSystems}, the same for every store; a store adds what they lack: creating a file only if it
 * does not exist (for the lease), deleting a folder with everything in it, whether a rename is
 * cheap, and how to compose a file from pieces.
 */
abstract class Store {
  /** The store of {@code folder}, on a store of {@code kind}, with clients configured from {@code options}. */
  static Store of(Location.StoreKind kind, ResourceId folder, PipelineOptions options) throws IOException {
    return switch (kind) {
      case LOCAL -> new LocalStore();
      case HDFS -> new HdfsStore(folder, options);
      case S3 -> new S3Store(folder, options);
    };
  }

  /**
   * Creates {@code file} holding {@code bytes} if no file of that name exists, and says whether it
   * did. Exclusive: of two concurrent calls, exactly one creates.
   */
  abstract boolean createNew(ResourceId file, byte[] bytes) throws IOException;

  /** Deletes {@code folder} and everything under it; nothing happens when it does not exist. */
  abstract void deleteTree(ResourceId folder) throws IOException;

  /**
   * Makes {@code folder}, on a store whose folders exist of their own (a local disk; elsewhere a
   * folder is only a prefix of names): null when it is there, else what is wrong with it.
   */
  String makeFolder(ResourceId folder) {
    return null;
  }

  /** Deletes {@code folder} if it is a folder of its own and empty. */
  void deleteIfEmpty(ResourceId folder) {}

  /**
   * Whether a failure to write into the folder is the location's fault (a local folder's
   * permissions), rather than a store that does not answer.
   */
  boolean writeFailureIsTheLocations() {
    return false;
  }

  /**
   * Whether renaming a file costs no more than a metadata update. Then a run writes into a staging
   * folder and commits by renaming; otherwise (an object store, where a rename copies every byte)
   * it writes in place.
   */
  abstract boolean renamesAreCheap();

  /** How the pipeline writes files on this store. */
  abstract StoreWriter writer();

  // What every store does through Beam's file systems.

  /** Writes {@code file} with {@code bytes}, replacing it if it exists. */
  static void write(ResourceId file, byte[] bytes) throws IOException {
    StoreWriter.writeThroughBeam(file, bytes, MimeTypes.BINARY);
  }

  /** The bytes of a small file, or null when it does not exist. */
  static byte[] read(ResourceId file) throws IOException {
    try (ReadableByteChannel in = FileSystems.open(file)) {
      return Channels.newInputStream(in).readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** The files matching {@code glob} (none when nothing matches). */
  static List<MatchResult.Metadata> match(String glob) throws IOException {
    MatchResult r = FileSystems.match(glob);
    if (r.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata m : r.metadata()) {
      if (!m.resourceId().isDirectory()) {
        files.add(m);
      }
    }
    return files;
  }

  /** Deletes {@code files}; missing ones are fine. */
  static void delete(List<ResourceId> files) throws IOException {
    if (!files.isEmpty()) {
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
