package org.eventsim.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.eventsim.sink.StoreWriter;
import org.eventsim.sink.CopyingWriter;

/**
 * An object store Beam has a file system for (such as {@code gs://}) that event-sim knows nothing
 * more of: an upload appears whole when it completes, a rename copies, a folder is the prefix of
 * its files. Creating a file only if it does not exist cannot be done atomically through Beam's
 * file systems: it is checked, then written, so two runs started within moments of each other may
 * both take the lease.
 */
class ObjectStore extends Store {
  @Override
  boolean createNew(ResourceId file, byte[] bytes) throws IOException {
    if (!match(file.toString()).isEmpty()) {
      return false;
    }
    write(file, bytes);
    return true;
  }

  @Override
  void deleteTree(ResourceId folder) throws IOException {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : match(folder + "**")) {
      files.add(m.resourceId());
    }
    delete(files);
  }

  @Override
  boolean renamesAreCheap() {
    return false;
  }

  @Override
  StoreWriter writer() {
    return new CopyingWriter(true);
  }
}
