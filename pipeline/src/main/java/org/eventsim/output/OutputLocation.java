package org.eventsim.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.format.FileFormat;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.sink.DatePartition;
import org.eventsim.sink.OutputLayout;
import org.eventsim.sink.WriteAnswerKey;

/**
 * The output folder of a run, on any of Beam's file systems, and the one owner of its rules.
 *
 * <p>The tool owns, in the folder, the events file ({@code events.ndjson}, {@code events.parquet}, ...), {@code stats.json}, {@code expected/} and
 * the two date folders (of a daily increment, only its days' files); nothing else is touched. A run
 * goes through three steps:
 *
 * <ol>
 *   <li>{@link #prepare}: checks that the folder can be written, takes the run's {@link Lease}, and
 *       gives the pipeline the places it writes to ({@link #layout()});
 *   <li>the pipeline runs and writes there;
 *   <li>{@link #commit}: replaces the previous run's files with the new ones — {@code stats.json}
 *       deleted first, the answer key and then {@code stats.json} moved in last — and gives the
 *       lease up; or {@link #abort}, which removes what the run wrote and gives the lease up.
 * </ol>
 *
 * Where a rename is cheap (a local disk, HDFS) the pipeline writes into a staging folder in the
 * output folder, {@code .event-sim-staging/RUN/}, and commit renames the files into place: a run that
 * fails or is killed leaves the previous complete run as it was. On an object store (S3) a rename
 * copies every byte, which would add a third to a run's time, so the run writes in place, as the
 * Python tool did: {@code stats.json} is deleted first, the files are replaced as they are written,
 * and a failed run leaves a folder without {@code stats.json}, which is not complete.
 */
public final class OutputLocation {
  /** The staging folders of runs, where a rename is cheap. */
  static final String STAGING = ".event-sim-staging";
  /** The scratch folders of runs that write in place. */
  static final String WORK = ".event-sim-work";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String given;
  private final FileFormat format;
  private final ResourceId folder;
  private final Store store;
  private final Lease lease;
  private final OutputLayout layout;
  private final ResourceId runDir;
  /** Whether the run replaces every date file (a batch run, or an increment over a batch run). */
  private final boolean replacesAll;

  private OutputLocation(
      String given, FileFormat format, ResourceId folder, Store store, Lease lease, OutputLayout layout,
      ResourceId runDir, boolean replacesAll) {
    this.replacesAll = replacesAll;
    this.given = given;
    this.format = format;
    this.folder = folder;
    this.store = store;
    this.lease = lease;
    this.layout = layout;
    this.runDir = runDir;
  }

  /** Why a folder cannot be used. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean badInput;

    Refused(String message, boolean badInput) {
      super(message);
      this.badInput = badInput;
    }

    /** Whether the location as given is wrong (else the store does not answer, or holds it). */
    public boolean badInput() {
      return badInput;
    }
  }

  /**
   * Checks {@code given} ({@code --out}) and takes it for this run: it must name a folder on a
   * file system this build has, that can be created and written; no live run may hold it. Nothing
   * is written when it fails.
   *
   * @param format the format of the run's event files; the previous run's, in any format, are
   *     replaced
   * @param options the pipeline's options, with the file systems set up by {@link FileSystemSetup}
   * @param takeOver take the folder even from a run whose lease looks live
   * @throws Refused with a one-line message naming the folder and what is wrong
   */
  public static OutputLocation prepare(
      Location location, GeneratorConfig run, Map<String, Object> settings, FileFormat format,
      PipelineOptions options, boolean takeOver, Clock clock)
      throws Refused {
    String given = location.given();
    FileSystems.setDefaultPipelineOptions(options);
    ResourceId folder = FileSystems.matchNewResource(location.spec(), true);
    String runId =
        RUN_TIME.format(clock.instant()) + "-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    Store store;
    Lease lease;
    boolean replacesAll = !run.increment();
    try {
      store = Store.of(location.store(), folder, options);
      checkWritable(given, folder, store, runId);
      lease = Lease.acquire(store, folder, runId, takeOver, clock);
    } catch (Lease.HeldException e) {
      throw new Refused("--out " + given + " " + e.getMessage(), false);
    } catch (IOException | RuntimeException e) {
      throw new Refused("--out " + given + ": cannot be written (" + reason(e) + ")", isMissing(e));
    }
    try {
      replacesAll |= replacesAnotherModel(given, folder, run, settings);
    } catch (Refused e) {
      releaseQuietly(lease);
      throw e;
    } catch (IOException | RuntimeException e) {
      releaseQuietly(lease);
      throw new Refused("--out " + given + ": cannot be read (" + reason(e) + ")", false);
    }
    try {
      // any other run's staging or scratch folder is a dead run's: the lease is ours
      store.deleteTree(folder.resolve(STAGING, StandardResolveOptions.RESOLVE_DIRECTORY));
      store.deleteTree(folder.resolve(WORK, StandardResolveOptions.RESOLVE_DIRECTORY));
      OutputLayout layout;
      ResourceId runDir;
      if (store.renamesAreCheap()) {
        runDir = folder.resolve(STAGING + "/" + runId, StandardResolveOptions.RESOLVE_DIRECTORY);
        layout =
            new OutputLayout(
                runDir.resolve("files", StandardResolveOptions.RESOLVE_DIRECTORY).toString(),
                runDir.resolve("work", StandardResolveOptions.RESOLVE_DIRECTORY).toString(),
                store.writer());
      } else {
        runDir = folder.resolve(WORK + "/" + runId, StandardResolveOptions.RESOLVE_DIRECTORY);
        layout = new OutputLayout(folder.toString(), runDir.toString(), store.writer());
      }
      OutputLocation prepared =
          new OutputLocation(given, format, folder, store, lease, layout, runDir, replacesAll);
      if (!store.renamesAreCheap()) {
        prepared.clearPrevious(run); // in place: the previous run's files go now, stats.json first
      }
      return prepared;
    } catch (IOException | RuntimeException e) {
      releaseQuietly(lease);
      throw new Refused("--out " + given + ": cannot be prepared (" + reason(e) + ")", false);
    }
  }

  private static void releaseQuietly(Lease lease) {
    try {
      lease.release();
    } catch (IOException ignored) {
      // the lease expires
    }
  }

  /**
   * Whether a daily increment replaces everything in the folder: when the folder holds a complete
   * batch run (its date files are another model's, and its event-date folder no increment
   * writes). An increment over the increments of another model is refused: those days are a
   * history being collected, and mixing models in it, or deleting it for a mistyped flag, would
   * both be wrong.
   *
   * @throws Refused naming the flags that differ
   */
  private static boolean replacesAnotherModel(
      String given, ResourceId folder, GeneratorConfig run, Map<String, Object> settings)
      throws IOException, Refused {
    if (!run.increment()) {
      return false;
    }
    byte[] stats = Store.read(folder.resolve(OutputLayout.STATS_FILE, StandardResolveOptions.RESOLVE_FILE));
    if (stats == null) {
      return false;
    }
    PreviousRun previous = PreviousRun.of(stats).orElse(null);
    if (previous == null) {
      return false;
    }
    if (!previous.increment()) {
      return true;
    }
    List<String> differences = previous.differencesFrom(PreviousRun.of(settings));
    if (!differences.isEmpty()) {
      throw new Refused(
          "--out " + given + " holds daily increments of another model (" + String.join("; ", differences)
              + "): a folder of increments holds the days of one model; give that model's flags, or"
              + " another --out", true);
    }
    return false;
  }

  /** Where the pipeline writes. */
  public OutputLayout layout() {
    return layout;
  }

  /**
   * Whether a run that fails or is stopped leaves the previous run as it was: where the run writes
   * into a staging folder (a local disk, HDFS), not where it writes in place (S3).
   */
  public boolean keepsPreviousRun() {
    return store.renamesAreCheap();
  }

  /** The location as given, e.g. {@code ./out} or {@code s3://bucket/x}. */
  public String given() {
    return given;
  }

  /**
   * Replaces the previous run's files with this run's: {@code stats.json} is deleted first, the
   * files this run does not write again are removed (of an increment, none: it owns its days
   * only), the new ones moved in (an increment's days without arrivals get an empty file), then the
   * answer key and, last, {@code stats.json}. Gives the lease up.
   *
   * @return the number of output files this run wrote
   * @throws IOException when the lease was taken over, or the store fails
   */
  public long commit(GeneratorConfig run, boolean writeFiles) throws IOException {
    lease.checkHeld();
    long files = 0;
    if (store.renamesAreCheap()) {
      clearPrevious(run);
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      for (MatchResult.Metadata m : staged()) {
        String relative = m.resourceId().toString().substring(layout.root().length());
        from.add(m.resourceId());
        to.add(file(relative));
      }
      if (!from.isEmpty()) {
        FileSystems.rename(from, to);
      }
      files += from.size();
    } else {
      files += countInPlace(run);
    }
    if (writeFiles) {
      files += completeIncrementDays(run);
    }
    List<String> results = new ArrayList<>();
    WriteAnswerKey.FILES.forEach(f -> results.add(WriteAnswerKey.path(f)));
    results.add(OutputLayout.STATS_FILE);
    for (String result : results) {
      FileSystems.rename(List.of(layout.staged(result)), List.of(file(result)));
    }
    files += results.size();
    store.deleteTree(runDir);
    deleteEmptyParent();
    lease.release();
    return files;
  }

  /**
   * Removes what this run wrote and gives the lease up. Where the run wrote into a staging folder,
   * the previous run's files are untouched.
   *
   * @return null, or why the clean-up was incomplete
   */
  public String abort() {
    String problem = null;
    try {
      store.deleteTree(runDir);
      deleteEmptyParent();
    } catch (IOException | RuntimeException e) {
      problem = "could not remove " + runDir + ": " + reason(e);
    }
    try {
      lease.release();
    } catch (IOException | RuntimeException e) {
      problem = (problem == null ? "" : problem + "; ") + "could not remove the lease " + lease.file();
    }
    return problem;
  }

  /** The files the pipeline wrote into the staging folder (not its scratch files). */
  private List<MatchResult.Metadata> staged() throws IOException {
    List<MatchResult.Metadata> files = new ArrayList<>(Store.match(layout.root() + OutputLayout.eventsFile(format)));
    for (DatePartition p : DatePartition.values()) {
      files.addAll(Store.match(layout.root() + p.folder() + "/*"));
    }
    return files;
  }

  /**
   * Deletes the previous run's outputs: stats.json first, then the events file, the answer key
   * and the date files (of an increment, its own days' only: the other days stay), in every format,
   * so that a run in one format replaces a run in another.
   */
  private void clearPrevious(GeneratorConfig run) throws IOException {
    Store.delete(List.of(file(OutputLayout.STATS_FILE)));
    List<ResourceId> old = new ArrayList<>();
    WriteAnswerKey.FILES.forEach(f -> old.add(file(WriteAnswerKey.path(f))));
    for (FileFormat f : FileFormat.values()) {
      old.add(file(OutputLayout.eventsFile(f)));
      for (String spec : dateFiles(run, f)) {
        Store.match(spec).forEach(m -> old.add(m.resourceId()));
      }
    }
    Store.delete(old);
    if (replacesAll) {
      for (DatePartition p : DatePartition.values()) {
        store.deleteIfEmpty(folder.resolve(p.folder(), StandardResolveOptions.RESOLVE_DIRECTORY));
      }
    }
  }

  /**
   * The date files in {@code format} a run owns, as patterns to match: an increment's own days'
   * ingest-date files, else every date file.
   */
  private List<String> dateFiles(GeneratorConfig run, FileFormat format) {
    List<String> specs = new ArrayList<>();
    if (!replacesAll) {
      for (int day = run.ingestFirstDay(); day <= run.ingestLastDay(); day++) {
        specs.add(file(DatePartition.INGEST_DATE.relativePath(day, format)).toString());
      }
    } else {
      for (DatePartition p : DatePartition.values()) {
        specs.add(folder + p.folder() + "/*" + format.extension());
      }
    }
    return specs;
  }

  /** Gives each day of an increment its ingest-date file, with no event when nothing arrived. */
  private long completeIncrementDays(GeneratorConfig run) throws IOException {
    if (!run.increment()) {
      return 0;
    }
    long created = 0;
    for (int day = run.ingestFirstDay(); day <= run.ingestLastDay(); day++) {
      ResourceId f = file(DatePartition.INGEST_DATE.relativePath(day, format));
      if (Store.match(f.toString()).isEmpty()) {
        Store.write(f, format.emptyFile());
        created++;
      }
    }
    return created;
  }

  /** The output files an in-place run wrote: the events file and its date files. */
  private long countInPlace(GeneratorConfig run) throws IOException {
    long n = Store.match(file(OutputLayout.eventsFile(format)).toString()).size();
    for (String spec : dateFiles(run, format)) {
      n += Store.match(spec).size();
    }
    return n;
  }

  /** Removes the staging or scratch folder of all runs when this run's was the last in it. */
  private void deleteEmptyParent() throws IOException {
    ResourceId parent = folder.resolve(store.renamesAreCheap() ? STAGING : WORK, StandardResolveOptions.RESOLVE_DIRECTORY);
    if (Store.match(parent + "**").isEmpty()) {
      store.deleteTree(parent);
    }
  }

  private ResourceId file(String relativePath) {
    return folder.resolve(relativePath, StandardResolveOptions.RESOLVE_FILE);
  }

  /** Writes and deletes a probe file: the folder exists (or can be made), and can be written. */
  private static void checkWritable(String given, ResourceId folder, Store store, String runId)
      throws IOException, Refused {
    String problem = store.makeFolder(folder);
    if (problem != null) {
      throw new Refused("--out '" + given + "' " + problem, true);
    }
    ResourceId probe = folder.resolve(".event-sim-write-check-" + runId, StandardResolveOptions.RESOLVE_FILE);
    try {
      Store.write(probe, new byte[0]);
      Store.delete(List.of(probe));
    } catch (IOException | RuntimeException e) {
      if (store.writeFailureIsTheLocations()) {
        throw new Refused("--out '" + given + "' is not writable: " + reason(e), true);
      }
      throw e;
    }
  }

  /** Whether {@code e} says the place does not exist (a missing bucket, say): a bad location. */
  private static boolean isMissing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileNotFoundException) {
        return true;
      }
    }
    return false;
  }

  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
