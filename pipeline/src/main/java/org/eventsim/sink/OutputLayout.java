package org.eventsim.sink;

import org.eventsim.format.FileFormat;
import java.io.Serializable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where a run's pipeline writes, on any of Beam's file systems: every output file under {@code
 * root} by its path in the output folder ({@link #eventsFile}, the {@link DatePartition}
 * folders), its scratch files (sorted pieces, the staged {@link #STATS_FILE} and {@link
 * #EXPECTED_DIR}) under {@code workDir}, and how files are written on this store ({@code
 * writer}). The owner of the output folder ({@code org.eventsim.output}) chooses all three; the
 * pipeline never knows which store it writes to.
 *
 * @param root the folder the output files are written under, as a URI or absolute path
 * @param workDir the run's scratch folder, as a URI or absolute path
 * @param writer writes files, and composes them from pieces, on this store
 */
public record OutputLayout(String root, String workDir, StoreWriter writer) implements Serializable {
  /** Every event, sorted by (ingest_time, event_id): {@code events.ndjson}, {@code events.parquet}, ... */
  public static String eventsFile(FileFormat format) {
    return "events" + format.extension();
  }

  /** Written last; its presence marks a complete run. */
  public static final String STATS_FILE = "stats.json";
  /** The answer key: what a correct consumer of the events must compute. */
  public static final String EXPECTED_DIR = "expected";
  /** Where, in the scratch folder, the pipeline stages stats.json and expected/ for the commit. */
  public static final String COMMIT_DIR = "commit";

  /** A layout that writes straight into {@code dir} with scratch space in {@code dir/.work}. */
  public static OutputLayout in(String dir) {
    ResourceId root = FileSystems.matchNewResource(dir, true);
    return new OutputLayout(
        root.toString(),
        root.resolve(".work", StandardResolveOptions.RESOLVE_DIRECTORY).toString(),
        new CopyingWriter(false));
  }

  /** The folder the output files go under. */
  public ResourceId dir() {
    return FileSystems.matchNewResource(root, true);
  }

  /** An output file, by its path relative to the output folder. */
  public ResourceId file(String relativePath) {
    return dir().resolve(relativePath, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The scratch folder. */
  public ResourceId work() {
    return FileSystems.matchNewResource(workDir, true);
  }

  /** A file inside the scratch folder, by relative path. */
  public ResourceId workFile(String relativePath) {
    return work().resolve(relativePath, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The staged copy of output file {@code relativePath} (stats.json, expected/...). */
  public ResourceId staged(String relativePath) {
    return workFile(COMMIT_DIR + "/" + relativePath);
  }
}
