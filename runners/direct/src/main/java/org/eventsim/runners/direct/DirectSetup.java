package org.eventsim.runners.direct;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.cli.RunnerSetup;
import org.eventsim.cli.UnavailableException;
import org.eventsim.options.RunConfig;
import org.eventsim.options.UsageException;

/**
 * The DirectRunner's defaults and checks.
 *
 * <ul>
 *   <li>The DirectRunner's checks that every element is immutable and encodable are for testing
 *       transforms; the pipeline's own tests keep them on, the command turns them off because they
 *       cost several times the run's own work. {@code --blockOnRun=false} lets the command print
 *       progress. Any of these can be set back on the command line.
 *   <li>{@code --targetParallelism} must be at least 1 (the DirectRunner would fail on 0 only once
 *       running, without a reason).
 *   <li>Memory: the DirectRunner holds a whole run in memory. Under the {@code ./event-sim}
 *       launcher, which names a file in {@value #RESTART_ENV} for requests:
 *       <ul>
 *         <li>when no {@code --runner} was named ({@value #RESTART_WITH_ENV} holds {@code flink})
 *             and the run writes more than {@value #MAX_EVENTS_BY_SIZE} events, it asks for embedded
 *             Flink ({@code runner=flink}), whose memory does not grow with the run and which is as
 *             fast from about that size on;
 *         <li>otherwise, when its estimated need exceeds the heap, it asks for that heap ({@code
 *             heap=MB}), unless JAVA_OPTS names one ({@value #RESTART_WITH_ENV} lacks {@code heap}).
 *       </ul>
 *       Either way nothing is written, and the launcher starts the run again. Without the launcher
 *       a heap too small is refused, with the heap to ask for.
 * </ul>
 */
final class DirectSetup implements RunnerSetup {
  /** Environment variable naming the file in which the launcher takes a request to restart. */
  static final String RESTART_ENV = "EVENT_SIM_RESTART_FILE";
  /**
   * Environment variable listing what the launcher may start a run again with: {@code flink}
   * (no --runner was named) and {@code heap} (JAVA_OPTS names no heap).
   */
  static final String RESTART_WITH_ENV = "EVENT_SIM_RESTART_WITH";
  /**
   * The most events a run the launcher chose by size keeps on the DirectRunner. Measured: 500k
   * orders (1.5M events) 8.0 s and 3.6 GB on the DirectRunner, 9.7 s and 1.6 GB on embedded Flink;
   * 1M orders 15.3 s and 6.8 GB against 14.6 s and 1.7 GB.
   */
  static final long MAX_EVENTS_BY_SIZE = 1_000_000;
  /** Heap the DirectRunner needs whatever the run, in MiB. */
  static final long BASE_HEAP_MB = 96;
  /**
   * Heap per event written, in bytes: the smallest heap that ran was 64 MB for 14,710 events, 384
   * MB for 147,806, 1,280 MB for 590,599 (and 2.5-4 GB for 1,838,067); this leaves some headroom.
   */
  static final long HEAP_BYTES_PER_EVENT = 2560;

  private final String restartFile;
  private final String restartWith;
  private final long maxHeapBytes;
  private final long physicalMemoryBytes;

  /**
   * @param restartFile where to write a request to be started again, or null without a launcher
   * @param restartWith what the launcher may start the run again with ({@code flink,heap})
   */
  DirectSetup(String restartFile, String restartWith, long maxHeapBytes, long physicalMemoryBytes) {
    this.restartFile = restartFile;
    this.restartWith = restartWith == null ? "" : restartWith;
    this.maxHeapBytes = maxHeapBytes;
    this.physicalMemoryBytes = physicalMemoryBytes;
  }

  /** The setup of this JVM. */
  static DirectSetup ofThisJvm() {
    String restart = System.getenv(RESTART_ENV);
    long physical =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new DirectSetup(
        restart == null || restart.isBlank() ? null : restart,
        System.getenv(RESTART_WITH_ENV),
        Runtime.getRuntime().maxMemory(),
        physical);
  }

  @Override
  public List<String> defaults() {
    return List.of("--enforceImmutability=false", "--enforceEncodability=false", "--blockOnRun=false");
  }

  @Override
  public void validate(PipelineOptions options) throws UsageException {
    int p = options.as(DirectOptions.class).getTargetParallelism();
    if (p < 1) {
      throw new UsageException("--targetParallelism must be an integer >= 1, got '" + p + "'");
    }
  }

  @Override
  public void preflight(PipelineOptions options, RunConfig config) throws UnavailableException {
    String size = String.format(Locale.ROOT, "%,.0f", config.generator().expectedEvents());
    if (restartFile != null && restartWith.contains("flink") && config.generator().expectedEvents() > MAX_EVENTS_BY_SIZE) {
      request("runner=flink");
      throw new UnavailableException(
          "about " + size + " events: running on Flink embedded in this process, whose memory does"
              + " not grow with the run (--runner=DirectRunner keeps the DirectRunner)");
    }
    long neededMb = heapNeededMb(config.generator().expectedEvents());
    // in doubles: the need of a run of 10^15 orders does not fit a long in bytes
    if (neededMb * 0.9 * (1 << 20) <= maxHeapBytes) {
      return;
    }
    long physicalMb = physicalMemoryBytes >> 20;
    if (neededMb > physicalMb * 3 / 4) {
      throw new UnavailableException(
          "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner,"
              + " more than 3/4 of this machine's " + gb(physicalMb)
              + ": use --runner=FlinkRunner, whose memory does not grow with the run");
    }
    if (restartFile != null && restartWith.contains("heap")) {
      request("heap=" + neededMb);
      throw new UnavailableException(
          "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner;"
              + " starting again with -Xmx" + neededMb + "m");
    }
    throw new UnavailableException(
        "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner,"
            + " and this JVM has " + gb(maxHeapBytes >> 20) + ": run java with -Xmx" + neededMb
            + "m (JAVA_OPTS=-Xmx" + neededMb + "m for ./event-sim), or use --runner=FlinkRunner");
  }

  /** Asks the launcher to start the run again: {@code runner=flink} or {@code heap=MB}. */
  private void request(String what) throws UnavailableException {
    try {
      Files.writeString(Path.of(restartFile), what + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UnavailableException("cannot write " + RESTART_ENV + " " + restartFile + ": " + e);
    }
  }

  /** The heap a DirectRunner run of about {@code events} events needs, in MiB. */
  static long heapNeededMb(double events) {
    return BASE_HEAP_MB + (long) Math.min(Math.ceil(events * HEAP_BYTES_PER_EVENT / (1 << 20)), Long.MAX_VALUE / 4);
  }

  private static String gb(long mb) {
    return String.format(Locale.ROOT, "%,.1f GB", mb / 1024.0);
  }
}
