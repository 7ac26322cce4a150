package org.eventsim.sink;

import java.io.Serializable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where everything goes inside the output folder. The tool owns {@link #EVENTS_FILE}, {@link
 * #STATS_FILE}, the two {@link DatePartition} folders, {@link #EXPECTED_DIR} and {@link #WORK_DIR}; nothing else in the
 * folder is touched.
 *
 * @param outDir the output folder, as an absolute path or URI
 */
public record OutputLayout(String outDir) implements Serializable {
  /** Every event, sorted by (ingest_time, event_id). */
  public static final String EVENTS_FILE = "events.ndjson";
  /** Written last; its presence marks a complete run. */
  public static final String STATS_FILE = "stats.json";
  /** The answer key: what a correct consumer of the events must compute. */
  public static final String EXPECTED_DIR = "expected";
  /** Scratch space of a run (Beam's temporary files, sorted parts); removed after success. */
  public static final String WORK_DIR = ".event-sim-work";

  /** The output folder. */
  public ResourceId dir() {
    return FileSystems.matchNewResource(outDir, true);
  }

  /** A file inside the output folder, by relative path. */
  public ResourceId file(String relativePath) {
    return dir().resolve(relativePath, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The scratch folder. */
  public ResourceId workDir() {
    return dir().resolve(WORK_DIR, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** A file inside the scratch folder, by relative path. */
  public ResourceId workFile(String relativePath) {
    return workDir().resolve(relativePath, StandardResolveOptions.RESOLVE_FILE);
  }
}
