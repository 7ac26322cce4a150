package org.eventsim.runners.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eventsim.cli.ProgressProbe;
import org.eventsim.live.LiveMetrics;
import org.eventsim.metrics.RunCounters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress of a job on Flink, read from the REST API of the cluster it runs on (the embedded
 * mini-cluster's, too): Beam's FlinkRunner blocks in {@code run()} until a batch job ends, and
 * reports a batch ParDo's counters only then, so the command asks Flink.
 *
 * <ul>
 *   <li>orders: the Beam counter {@link RunCounters#ORDERS_READ}, which the order source's
 *       reader updates as it reads (Flink shows it as a metric of the source's subtasks);
 *   <li>bytes to sort: what the step that packs events into sort groups has sent so far;
 *   <li>whether generation and the sort are done: the status of their tasks. How far a sort has
 *       come Flink cannot tell (its counters arrive when the task ends).
 * </ul>
 *
 * The job is the one named {@code jobName} (Beam's {@code --jobName}, unique per run). Any failure
 * to reach the API keeps the last figures: the embedded API goes away as the job ends.
 */
final class FlinkRestProbe implements ProgressProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** How long a job to cancel is looked for: one not submitted by then ends with the command. */
  private static final Duration FIND_TO_CANCEL = Duration.ofSeconds(3);

  private final String base;
  private final String jobName;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private String jobId;
  private String ordersMetricId;
  private Figures last;
  private LiveFigures lastLive;

  FlinkRestProbe(String base, String jobName) {
    this.base = base;
    this.jobName = jobName;
  }

  @Override
  public Figures read() {
    try {
      JsonNode job = job();
      if (job == null) {
        return STARTING;
      }
      long orders = 0;
      boolean generated = false;
      long toSort = 0;
      boolean sorted = false;
      for (JsonNode v : job.path("vertices")) {
        String name = v.path("name").asText();
        JsonNode metrics = v.path("metrics");
        if (name.contains("GenerateEvents/ReadOrderBlocks")) {
          orders += ordersRead(v.path("id").asText());
          generated = v.path("status").asText().equals("FINISHED");
        }
        if (name.contains("WriteEventFiles/PackIntoGroups")) {
          toSort += metrics.path("write-bytes").asLong();
        }
        if (name.contains("WriteEventFiles/GroupForSorting")) {
          sorted = v.path("status").asText().equals("FINISHED");
        }
      }
      last = new Figures(orders, generated, toSort, -1, sorted);
    } catch (IOException | RuntimeException e) {
      // not (yet, or any more) reachable: keep the last figures
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return last == null ? STARTING : last;
  }

  @Override
  public LiveFigures readLive() {
    try {
      JsonNode job = job();
      if (job == null) {
        return null;
      }
      for (JsonNode v : job.path("vertices")) {
        if (v.path("name").asText().contains("PlayLive/PlayModel")) {
          String path = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
          Map<String, String> ids = new HashMap<>();
          for (JsonNode m : get(path)) {
            String id = m.path("id").asText();
            for (String name : List.of(RunCounters.EVENTS_WRITTEN, LiveMetrics.CLOCK_SECONDS, LiveMetrics.LAG_MILLIS)) {
              if (id.endsWith(name)) {
                ids.put(name, id);
              }
            }
          }
          if (ids.size() < 3) {
            return lastLive;
          }
          lastLive =
              new LiveFigures(
                  aggregate(path, ids.get(RunCounters.EVENTS_WRITTEN), "sum"),
                  aggregate(path, ids.get(LiveMetrics.CLOCK_SECONDS), "max"),
                  aggregate(path, ids.get(LiveMetrics.LAG_MILLIS), "max"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not (yet, or any more) reachable: keep the last figures
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lastLive;
  }

  /** A metric of a vertex's subtasks, aggregated ({@code sum} or {@code max}) over them. */
  private long aggregate(String path, String metricId, String agg) throws IOException, InterruptedException {
    long value = 0;
    for (JsonNode m : get(path + "?agg=" + agg + "&get=" + URLEncoder.encode(metricId, StandardCharsets.UTF_8))) {
      value = m.path(agg).asLong();
    }
    return value;
  }

  /** The job's details, or null while it has not been submitted. */
  private JsonNode job() throws IOException, InterruptedException {
    if (jobId == null) {
      jobId = findJob();
      if (jobId == null) {
        return null;
      }
    }
    return get("/jobs/" + jobId);
  }

  /**
   * Cancels the job (PATCH {@code /jobs/ID?mode=cancel}) and waits, at most {@code timeout}, for it
   * to end; gives up quietly when the API does not answer (the job then ends with the process, or
   * must be cancelled on its cluster).
   */
  void cancel(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long findDeadline = System.nanoTime() + Math.min(timeout.toNanos(), FIND_TO_CANCEL.toNanos());
    try {
      while (jobId == null && System.nanoTime() < findDeadline) {
        jobId = findJob();
        if (jobId == null) {
          Thread.sleep(200); // being submitted
        }
      }
      if (jobId == null) {
        return;
      }
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
              .timeout(TIMEOUT)
              .method("PATCH", HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
      while (System.nanoTime() < deadline) {
        String state = get("/jobs/" + jobId).path("state").asText();
        if (List.of("CANCELED", "FAILED", "FINISHED").contains(state)) {
          return;
        }
        Thread.sleep(200);
      }
    } catch (IOException | RuntimeException e) {
      // not reachable: nothing more to do from here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The id of the newest job named {@link #jobName}, or null while there is none. */
  private String findJob() throws IOException, InterruptedException {
    String id = null;
    long newest = Long.MIN_VALUE;
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (job.path("name").asText().equals(jobName) && job.path("start-time").asLong() > newest) {
        newest = job.path("start-time").asLong();
        id = job.path("jid").asText();
      }
    }
    return id;
  }

  /** The sum over the source's subtasks of the orders-read counter. */
  private long ordersRead(String vertexId) throws IOException, InterruptedException {
    String path = "/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics";
    if (ordersMetricId == null) {
      for (JsonNode m : get(path)) {
        if (m.path("id").asText().endsWith(RunCounters.ORDERS_READ)) {
          ordersMetricId = m.path("id").asText();
        }
      }
      if (ordersMetricId == null) {
        return 0;
      }
    }
    long sum = 0;
    for (JsonNode m : get(path + "?agg=sum&get=" + URLEncoder.encode(ordersMetricId, StandardCharsets.UTF_8))) {
      sum += m.path("sum").asLong();
    }
    return sum;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }
}
