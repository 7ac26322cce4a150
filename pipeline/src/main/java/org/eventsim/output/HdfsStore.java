package org.eventsim.output;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.eventsim.sink.StoreWriter;

/**
 * A folder on HDFS, through Hadoop's client configured as Beam's (see {@link FileSystemSetup}).
 * The NameNode creates a file without overwriting atomically, renames are metadata updates, and
 * folders are deleted in one call.
 */
final class HdfsStore extends Store {
  private final FileSystem fs;

  HdfsStore(ResourceId folder, PipelineOptions options) throws IOException {
    fs = FileSystem.newInstance(URI.create(folder.toString()), configuration(options));
  }

  /** The Hadoop configuration Beam's file system uses (see {@link FileSystemSetup}). */
  static Configuration configuration(PipelineOptions options) {
    List<Configuration> configs = options.as(HadoopFileSystemOptions.class).getHdfsConfiguration();
    return configs == null || configs.isEmpty() ? new Configuration(false) : configs.get(0);
  }

  @Override
  boolean createNew(ResourceId file, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(file.toString()), false)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  @Override
  void deleteTree(ResourceId folder) throws IOException {
    fs.delete(new Path(folder.toString()), true);
  }

  @Override
  boolean renamesAreCheap() {
    return true;
  }

  @Override
  StoreWriter writer() {
    return new HdfsWriter();
  }
}
