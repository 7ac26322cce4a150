package org.eventsim.live;

import org.eventsim.options.LivePlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.metrics.RunCounters;
import org.eventsim.model.EventBatch;
import org.eventsim.model.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live run as an unbounded source: one split per partition of the {@link LivePlan}, each
 * reading a {@link PartitionPlayer} against the wall clock, so that an event is emitted when the
 * simulated clock reaches its arrival time and not before. The simulated clock of a split starts
 * (shows the plan's start) when its reader first starts; the instant is kept in its checkpoint
 * mark, so that a restored reader keeps the same clock and catches up on what fell due meanwhile.
 *
 * <p>Output is deterministic in content (a pure function of the plan): only when an element is
 * emitted depends on the wall clock. With {@code until}, a split ends (watermark at the end of
 * time) once it has emitted everything; without it, it goes on until {@link LiveStop} asks it to
 * end.
 */
public final class LiveSource extends UnboundedSource<LiveElement, LiveMark> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);
  /** Most events in one element: groups the events due at one moment, bounded for latency. */
  private static final int MAX_EVENTS_PER_ELEMENT = 200;
  /** Most orders generated ahead of the clock per read, so that a read stays short. */
  private static final int GENERATE_AHEAD_PER_READ = 64;
  /** How far ahead of the clock orders are generated, in wall-clock time. */
  private static final double GENERATE_AHEAD_SECONDS = 1;

  private final LivePlan plan;
  /** The partition this split plays, or -1 for the whole (to be split). */
  private final int partition;

  private LiveSource(LivePlan plan, int partition) {
    this.plan = plan;
    this.partition = partition;
  }

  public static LiveSource of(LivePlan plan) {
    return new LiveSource(plan, -1);
  }

  /** One split per partition of the plan, whatever the runner asks for: the partitions are the plan's. */
  @Override
  public List<LiveSource> split(int desiredNumSplits, PipelineOptions options) {
    if (partition >= 0) {
      return List.of(this);
    }
    List<LiveSource> splits = new ArrayList<>(plan.partitions());
    for (int p = 0; p < plan.partitions(); p++) {
      splits.add(new LiveSource(plan, p));
    }
    return splits;
  }

  @Override
  public UnboundedReader<LiveElement> createReader(PipelineOptions options, LiveMark mark) {
    if (partition < 0 && plan.partitions() > 1) {
      throw new IllegalStateException("read the splits of a live source, not the whole");
    }
    return new Reader(this, Math.max(partition, 0), mark);
  }

  @Override
  public Coder<LiveMark> getCheckpointMarkCoder() {
    return LiveMark.Coder.of();
  }

  @Override
  public Coder<LiveElement> getOutputCoder() {
    return LiveElement.Coder.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveSource s && s.plan.equals(plan) && s.partition == partition;
  }

  @Override
  public int hashCode() {
    return plan.hashCode() * 31 + partition;
  }

  /** Wall-clock microseconds since the epoch. */
  static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  private static final class Reader extends UnboundedReader<LiveElement> {
    private final LiveSource source;
    private final LivePlan plan;
    private final int partition;
    private final LiveMark restoredFrom;
    private final long generateAheadMicros;
    private final Gauge lagMillis = Metrics.gauge(RunCounters.NAMESPACE, LiveMetrics.LAG_MILLIS);
    private final Gauge clockSeconds = Metrics.gauge(RunCounters.NAMESPACE, LiveMetrics.CLOCK_SECONDS);
    private long clockOrigin;
    private PartitionPlayer player;
    private LiveElement current;
    private org.joda.time.Instant currentTimestamp;
    private org.joda.time.Instant watermark;
    private boolean done;

    Reader(LiveSource source, int partition, LiveMark mark) {
      this.source = source;
      this.plan = source.plan;
      this.partition = partition;
      this.restoredFrom = mark;
      this.generateAheadMicros = (long) Math.min(GENERATE_AHEAD_SECONDS * 1e6 * plan.speed(), 1e15);
    }

    @Override
    public boolean start() {
      clockOrigin = restoredFrom != null ? restoredFrom.clockOriginMicros() : wallMicros();
      player = new PartitionPlayer(plan, partition, restoredFrom);
      // one line per player start (not per element): when its simulated clock showed the start,
      // which is what a consumer measures lateness against
      LOG.info(
          "live player {} of {} {}: clock origin {} ({} us since the epoch)",
          partition + 1, plan.partitions(), restoredFrom == null ? "started" : "resumed from its checkpoint",
          Timestamps.format(clockOrigin), clockOrigin);
      watermark = new org.joda.time.Instant(plan.startMicros() / 1000);
      return advance();
    }

    @Override
    public boolean advance() {
      if (done) {
        return false;
      }
      long now = plan.simulatedMicros((wallMicros() - clockOrigin) * 1000);
      if (LiveStop.requested()) {
        done = true;
        return false;
      }
      player.generate(now, now + generateAheadMicros, GENERATE_AHEAD_PER_READ);
      List<AnswerKeyRow> rows = player.finalRows(now);
      if (!rows.isEmpty()) {
        current = LiveElement.of(rows);
        currentTimestamp = watermark;
        return true;
      }
      EventBatch due = player.takeDue(now, MAX_EVENTS_PER_ELEMENT);
      if (due != null) {
        EventBatch.Cursor first = due.cursor();
        first.next();
        long dueMicros = first.ingestTimeMicros();
        current = LiveElement.of(due);
        currentTimestamp = new org.joda.time.Instant(Math.floorDiv(dueMicros, 1000));
        if (currentTimestamp.isAfter(watermark)) {
          watermark = currentTimestamp;
        }
        lagMillis.set((long) ((now - dueMicros) / plan.speed() / 1000));
        clockSeconds.set(Math.floorDiv(now, 1_000_000L));
        return true;
      }
      lagMillis.set(0);
      clockSeconds.set(Math.floorDiv(Math.min(now, plan.untilMicros()), 1_000_000L));
      if (player.finished(now)) {
        done = true;
      }
      return false;
    }

    @Override
    public LiveElement getCurrent() throws NoSuchElementException {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public org.joda.time.Instant getCurrentTimestamp() throws NoSuchElementException {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public org.joda.time.Instant getWatermark() {
      return done ? BoundedWindow.TIMESTAMP_MAX_VALUE : watermark;
    }

    @Override
    public LiveMark getCheckpointMark() {
      return player.mark(clockOrigin);
    }

    @Override
    public LiveSource getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
