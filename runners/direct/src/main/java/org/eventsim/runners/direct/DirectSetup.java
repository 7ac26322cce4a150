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
 *   <li>Memory: the DirectRunner holds a whole run in memory. A run whose estimated need exceeds
 *       the heap is refused before anything is written, with the heap to ask for; under the
 *       {@code ./event-sim} launcher, which names a file in {@value #HEAP_REQUEST_ENV}, the need is
 *       written there and the launcher starts the run again with that heap.
 * </ul>
 */
final class DirectSetup implements RunnerSetup {
  /** Environment variable naming the file in which the launcher wants the heap a run needs. */
  static final String HEAP_REQUEST_ENV = "EVENT_SIM_HEAP_REQUEST_FILE";
  /** Heap the DirectRunner needs whatever the run, in MiB. */
  static final long BASE_HEAP_MB = 512;
  /**
   * Heap per event written, in bytes: measured 1.2-1.6 GB for 590,599 events, 2.5-4 GB for
   * 1,838,067 (a 31-day increment), with some headroom.
   */
  static final long HEAP_BYTES_PER_EVENT = 2560;

  private final String heapRequestFile;
  private final long maxHeapBytes;
  private final long physicalMemoryBytes;

  DirectSetup(String heapRequestFile, long maxHeapBytes, long physicalMemoryBytes) {
    this.heapRequestFile = heapRequestFile;
    this.maxHeapBytes = maxHeapBytes;
    this.physicalMemoryBytes = physicalMemoryBytes;
  }

  /** The setup of this JVM. */
  static DirectSetup ofThisJvm() {
    String request = System.getenv(HEAP_REQUEST_ENV);
    long physical =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new DirectSetup(
        request == null || request.isBlank() ? null : request, Runtime.getRuntime().maxMemory(), physical);
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
    long neededMb = heapNeededMb(config.generator().expectedEvents());
    if (neededMb * (1L << 20) * 9 / 10 <= maxHeapBytes) {
      return;
    }
    long physicalMb = physicalMemoryBytes >> 20;
    String size = String.format(Locale.ROOT, "%,.0f", config.generator().expectedEvents());
    if (neededMb > physicalMb * 3 / 4) {
      throw new UnavailableException(
          "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner,"
              + " more than 3/4 of this machine's " + gb(physicalMb)
              + ": use --runner=FlinkRunner, whose memory does not grow with the run");
    }
    if (heapRequestFile != null) {
      try {
        Files.writeString(Path.of(heapRequestFile), Long.toString(neededMb), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UnavailableException("cannot write " + HEAP_REQUEST_ENV + " " + heapRequestFile + ": " + e);
      }
      throw new UnavailableException(
          "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner;"
              + " starting again with -Xmx" + neededMb + "m");
    }
    throw new UnavailableException(
        "about " + size + " events need about " + gb(neededMb) + " of heap on the DirectRunner,"
            + " and this JVM has " + gb(maxHeapBytes >> 20) + ": run java with -Xmx" + neededMb
            + "m (JAVA_OPTS=-Xmx" + neededMb + "m for ./event-sim), or use --runner=FlinkRunner");
  }

  /** The heap a DirectRunner run of about {@code events} events needs, in MiB. */
  static long heapNeededMb(double events) {
    return BASE_HEAP_MB + (long) Math.ceil(events * HEAP_BYTES_PER_EVENT / (1 << 20));
  }

  private static String gb(long mb) {
    return String.format(Locale.ROOT, "%.1f GB", mb / 1024.0);
  }
}
