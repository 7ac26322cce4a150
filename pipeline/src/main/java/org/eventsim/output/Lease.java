package org.eventsim.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A run's exclusive hold on an output folder, so that two runs on one folder cannot mix their
 * files.
 *
 * <p>A lease is a small file {@code .event-sim-lease.G} in the folder, G its generation, naming its
 * holder (host, process, start time) and the time of its last heartbeat. To take the folder a run
 * looks at the highest generation: if that lease is live, the run stops, naming the holder;
 * otherwise it creates generation G + 1 with the store's exclusive create, so that of two runs
 * taking over at once exactly one succeeds. The holder rewrites its lease every {@link #HEARTBEAT};
 * a lease is dead once its heartbeat is older than {@link #EXPIRY}, at once when its process is
 * gone from this host, or on request ({@code --take-over-lease}). A holder checks before it
 * commits that no later generation exists: a run whose lease was taken over (it stalled longer
 * than the expiry, say) fails instead of committing over the newer run.
 */
final class Lease {
  static final String PREFIX = ".event-sim-lease.";
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  static final Duration EXPIRY = Duration.ofSeconds(60);
  private static final Pattern NAME = Pattern.compile(".*/" + Pattern.quote(PREFIX) + "(\\d{1,9})$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a lease file says. */
  record Holder(String run, String host, long pid, String processStarted, String started, String heartbeat) {
    String describe(Clock clock) {
      long age = Duration.between(Instant.parse(heartbeat), clock.instant()).toSeconds();
      return "process " + pid + " on " + host + ", started " + started + ", last heartbeat " + age + " s ago";
    }
  }

  private final Store store;
  private final ResourceId folder;
  private final Clock clock;
  private final Holder holder;
  private final int generation;
  private final ScheduledExecutorService heartbeats;
  private volatile boolean released;

  private Lease(Store store, ResourceId folder, Clock clock, Holder holder, int generation) {
    this.store = store;
    this.folder = folder;
    this.clock = clock;
    this.holder = holder;
    this.generation = generation;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "event-sim-lease");
              t.setDaemon(true);
              return t;
            });
  }

  /** Thrown when a live run holds the folder. */
  static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /**
   * Takes {@code folder} for run {@code run}.
   *
   * @param takeOver take it even from a live-looking holder
   * @throws HeldException naming the holder when a live run holds it
   */
  static Lease acquire(Store store, ResourceId folder, String run, boolean takeOver, Clock clock)
      throws IOException, HeldException {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Current> current = current(folder);
      if (current.isPresent() && !takeOver && current.get().isLive(clock)) {
        throw held(current.get(), clock);
      }
      int next = current.map(c -> c.generation + 1).orElse(1);
      Holder me = me(run, clock);
      if (store.createNew(file(folder, next), bytes(me))) {
        Lease lease = new Lease(store, folder, clock, me, next);
        lease.deleteEarlier();
        lease.heartbeats.scheduleWithFixedDelay(
            lease::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        return lease;
      }
      // another run created that generation first: look again, to name it
    }
    throw new IOException("could not take the lease of " + folder + ": other runs keep taking it");
  }

  /** The file of this lease. */
  ResourceId file() {
    return file(folder, generation);
  }

  /**
   * Checks that no later run took the folder over.
   *
   * @throws IOException naming the run that did
   */
  void checkHeld() throws IOException {
    Optional<Current> current = current(folder);
    if (current.isEmpty()
        || current.get().generation != generation
        || current.get().holder() == null
        || !current.get().holder().run().equals(holder.run())) {
      throw new IOException(
          "the lease on " + folder + " was taken over by another run"
              + current.map(c -> " (" + c.describe(clock) + ")").orElse("")
              + ": this run's results are not committed");
    }
  }

  /** Gives the folder up: no more heartbeats, and the lease file is deleted. */
  void release() throws IOException {
    released = true;
    heartbeats.shutdownNow();
    Store.delete(List.of(file()));
  }

  private void beat() {
    if (released) {
      return;
    }
    try {
      if (Store.match(file().toString()).isEmpty()) {
        // deleted by someone else (the folder removed, or the lease taken over and cleaned up):
        // writing it again would recreate what they removed; commit's check fails instead
        heartbeats.shutdown();
        return;
      }
      Holder beat =
          new Holder(holder.run(), holder.host(), holder.pid(), holder.processStarted(), holder.started(),
              clock.instant().toString());
      Store.write(file(), bytes(beat));
    } catch (IOException | RuntimeException e) {
      // the next heartbeat tries again; a lease that stays silent expires, and commit checks it
    }
  }

  private void deleteEarlier() throws IOException {
    List<ResourceId> earlier = new ArrayList<>();
    for (MatchResult.Metadata m : Store.match(folder + PREFIX + "*")) {
      Matcher g = NAME.matcher(m.resourceId().toString());
      if (g.matches() && Integer.parseInt(g.group(1)) < generation) {
        earlier.add(m.resourceId());
      }
    }
    Store.delete(earlier);
  }

  /** The lease of the highest generation in {@code folder}, if any. */
  private static Optional<Current> current(ResourceId folder) throws IOException {
    Current newest = null;
    for (MatchResult.Metadata m : Store.match(folder + PREFIX + "*")) {
      Matcher g = NAME.matcher(m.resourceId().toString());
      if (g.matches() && (newest == null || Integer.parseInt(g.group(1)) > newest.generation)) {
        newest = new Current(Integer.parseInt(g.group(1)), m.resourceId(), m.lastModifiedMillis(), null);
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    return Optional.of(newest.read());
  }

  /** The newest lease found, and what it says (null if it could not be read). */
  private record Current(int generation, ResourceId file, long modifiedMillis, Holder holder) {
    Current read() throws IOException {
      for (int attempt = 0; attempt < 5; attempt++) {
        byte[] bytes = Store.read(file);
        if (bytes == null) {
          return this; // released just now
        }
        try {
          return new Current(generation, file, modifiedMillis, JSON.readValue(bytes, Holder.class));
        } catch (IOException e) {
          sleep(100); // being written: an exclusive create writes after creating
        }
      }
      return this;
    }

    boolean isLive(Clock clock) {
      if (holder == null) {
        // unreadable: live while its file is fresh
        return Duration.ofMillis(clock.millis() - modifiedMillis).compareTo(EXPIRY) < 0;
      }
      if (holder.host().equals(hostName())) {
        Optional<ProcessHandle> p = ProcessHandle.of(holder.pid());
        boolean same =
            p.isPresent()
                && p.get().isAlive()
                && p.get().info().startInstant().map(i -> i.toString().equals(holder.processStarted())).orElse(true);
        if (!same) {
          return false; // its process is gone from this host
        }
      }
      return Duration.between(Instant.parse(holder.heartbeat()), clock.instant()).compareTo(EXPIRY) < 0;
    }

    String describe(Clock clock) {
      return holder == null ? "an unreadable lease " + file : holder.describe(clock) + " (" + file + ")";
    }
  }

  private static HeldException held(Current current, Clock clock) {
    return new HeldException(
        "is in use by another run: " + current.describe(clock) + ". Wait for it to finish; if that"
            + " run is gone, its lease expires " + EXPIRY.toSeconds() + " s after its last heartbeat,"
            + " or give --take-over-lease");
  }

  private static Holder me(String run, Clock clock) {
    ProcessHandle self = ProcessHandle.current();
    String now = clock.instant().toString();
    return new Holder(
        run, hostName(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""), now, now);
  }

  private static ResourceId file(ResourceId folder, int generation) {
    return folder.resolve(PREFIX + generation, StandardResolveOptions.RESOLVE_FILE);
  }

  private static byte[] bytes(Holder h) {
    try {
      return JSON.writeValueAsBytes(h);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
