package org.eventsim.output;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.eventsim.sink.CopyingWriter;
import org.eventsim.sink.StoreWriter;

/**
 * Writes on HDFS through Beam's file systems, and composes a file from pieces it owns without
 * moving a byte: the pieces are renamed into a folder next to the scratch file and joined by the
 * NameNode's concat (the first piece takes over the others' blocks), which is then renamed into
 * place — all of it metadata. Pieces it does not own (events.ndjson is made of the ingest-date
 * files, which stay) are copied.
 *
 * <p>A retry after a failure part-way finds each piece either where it was or in the folder, or,
 * after the concat, only the first one left, holding all: it carries on from there.
 */
final class HdfsWriter implements StoreWriter {
  private static final long serialVersionUID = 1L;

  @Override
  public void compose(
      List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch, PipelineOptions options)
      throws IOException {
    if (!ownPieces || pieces.isEmpty()) {
      new CopyingWriter(false).compose(pieces, target, ownPieces, scratch, options);
      return;
    }
    FileSystem fs = fileSystem(target, options);
    Path parts = new Path(scratch + ".parts");
    fs.mkdirs(parts);
    List<Path> moved = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      Path piece = new Path(pieces.get(i).toString());
      Path to = new Path(parts, String.format("%06d", i));
      if (fs.exists(piece) && !fs.rename(piece, to)) {
        throw new IOException("could not move " + piece + " to " + to);
      }
      moved.add(to);
    }
    Path head = null;
    List<Path> tail = new ArrayList<>();
    for (Path p : moved) {
      FileStatus status = fs.exists(p) ? fs.getFileStatus(p) : null;
      if (status == null) {
        continue; // joined into the head by an earlier attempt
      }
      if (status.getLen() == 0) {
        fs.delete(p, false); // concat takes no empty files, and they add nothing
      } else if (head == null) {
        head = p;
      } else {
        tail.add(p);
      }
    }
    Path to = new Path(target.toString());
    fs.mkdirs(to.getParent());
    if (head == null) {
      fs.create(to, true).close(); // every piece was empty
    } else {
      if (!tail.isEmpty()) {
        fs.concat(head, tail.toArray(new Path[0]));
      }
      fs.delete(to, false);
      if (!fs.rename(head, to)) {
        throw new IOException("could not move " + head + " to " + to);
      }
    }
    fs.delete(parts, true);
  }

  private static FileSystem fileSystem(ResourceId file, PipelineOptions options) throws IOException {
    return FileSystem.get(URI.create(file.toString()), HdfsStore.configuration(options));
  }
}
