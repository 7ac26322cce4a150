package org.eventsim.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eventsim.testing.OutputDigests;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The same flags give the same bytes on every runner: the DirectRunner, Flink embedded, a real
 * Flink session cluster on 127.0.0.1 (started by src/scripts/flink-local.sh around these tests)
 * at parallelism 1 and 2, and the cluster's own {@code flink run}; a TaskManager killed during a
 * cluster run changes nothing; an unreachable master fails fast and clearly.
 */
public class FlinkRunnerIT {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path FLINK_JAR = Path.of(System.getProperty("eventsim.flinkJar"));
  private static final Path DIRECT_JAR = Path.of(System.getProperty("eventsim.directJar"));
  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("src/scripts/flink-local.sh");
  private static final String MASTER = "127.0.0.1:8081";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] FLAGS = {
    "--n-orders", "20000", "--seed", "7", "--start", "2026-03-01T00:00:00Z", "--late-rate", "0.1",
    "--duplicate-rate", "0.02"
  };

  private static Map<String, String> direct;

  @BeforeClass
  public static void referenceRunOnTheDirectRunner() throws Exception {
    direct = run(DIRECT_JAR, List.of("-XX:TieredStopAtLevel=1"));
  }

  @Test
  public void flinkEmbeddedWritesTheSameBytesAsTheDirectRunner() throws Exception {
    assertThat(run(FLINK_JAR, List.of()), equalTo(direct));
  }

  @Test
  public void theClusterAtParallelismOneAndTwoWritesTheSameBytes() throws Exception {
    assertThat(run(FLINK_JAR, List.of(), "--flinkMaster=" + MASTER, "--parallelism=1"), equalTo(direct));
    assertThat(run(FLINK_JAR, List.of(), "--flinkMaster=" + MASTER, "--parallelism=2"), equalTo(direct));
  }

  /**
   * Parquet files, and gzip and zstd files, are byte-identical on the DirectRunner, Flink embedded
   * and the cluster at parallelism 2, with days cut into parts so that files are joined from pieces
   * sorted by different workers.
   */
  @Test
  public void parquetAndCompressedFilesAreTheSameBytesOnEveryRunner() throws Exception {
    List<String[]> formats =
        List.of(
            new String[] {"--format=parquet", "--maxGroupEvents=5000"},
            new String[] {"--compression=gzip", "--maxGroupEvents=5000"},
            new String[] {"--compression=zstd", "--maxGroupEvents=5000"});
    for (String[] format : formats) {
      Map<String, String> reference = run(DIRECT_JAR, List.of("-XX:TieredStopAtLevel=1"), format);
      String extension = format[0].equals("--format=parquet") ? ".parquet" : format[0].endsWith("gzip") ? ".ndjson.gz" : ".ndjson.zst";
      assertThat(String.join(" ", format), reference.keySet().stream().filter(f -> f.endsWith(extension)).count(), equalTo(
          direct.keySet().stream().filter(f -> f.endsWith(".ndjson")).count()));
      if (format[0].equals("--format=parquet")) {
        assertThat(run(FLINK_JAR, List.of(), format), equalTo(reference));
      }
      List<String> cluster = new ArrayList<>(List.of(format));
      cluster.addAll(List.of("--flinkMaster=" + MASTER, "--parallelism=2"));
      assertThat(String.join(" ", cluster), run(FLINK_JAR, List.of(), cluster.toArray(new String[0])), equalTo(reference));
    }
  }

  @Test
  public void theClustersOwnFlinkRunWritesTheSameBytes() throws Exception {
    Path out = TMP.newFolder().toPath();
    List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString(), "flink", "run", "-p", "2", FLINK_JAR.toString()));
    cmd.addAll(List.of("--out", out.toString()));
    cmd.addAll(List.of(FLAGS));
    Result r = Processes.run(cmd, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(r.lastStdoutLine(), startsWith("{\"status\":\"ok\",\"runner\":\"FlinkRunner\""));
    assertThat(OutputDigests.of(out), equalTo(direct));
  }

  @Test
  public void aSliceOnEmbeddedFlinkIsExactlyThoseOrdersOfTheWholeRun() throws Exception {
    Path whole = TMP.newFolder().toPath();
    Path slice = TMP.newFolder().toPath();
    Result r = Processes.run(withOut(DIRECT_JAR, List.of("-XX:TieredStopAtLevel=1"), whole, FLAGS), 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    String[] sliceFlags = FLAGS.clone();
    sliceFlags[List.of(FLAGS).indexOf("--n-orders") + 1] = "5000";
    List<String> cmd = withOut(FLINK_JAR, List.of(), slice, sliceFlags);
    cmd.add("--first-order=15000");
    r = Processes.run(cmd, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(whole.resolve("events.ndjson"))) {
      long order = Long.parseLong(JSON.readTree(line).get("payload").get("order_id").asText().substring(2));
      if (order > 15000) {
        expected.add(line);
      }
    }
    assertThat(expected.isEmpty(), equalTo(false));
    assertThat(Files.readAllLines(slice.resolve("events.ndjson")), equalTo(expected));
  }

  @Test
  public void dailyIncrementsOnEmbeddedFlinkMatchTheDirectRunnerAndDayByDayMatchesTheRange()
      throws Exception {
    String[] model = {
      "--orders-per-day", "4000", "--seed", "5", "--start", "2026-03-01T00:00:00Z", "--late-rate", "0.1",
      "--duplicate-rate", "0.02"
    };
    Path flinkRange = TMP.newFolder().toPath();
    Path directRange = TMP.newFolder().toPath();
    Path flinkDays = TMP.newFolder().toPath();
    String range = "--ingest-dates=2026-03-04..2026-03-05";
    for (Path[] jarAndOut : new Path[][] {{FLINK_JAR, flinkRange}, {DIRECT_JAR, directRange}}) {
      List<String> cmd = withOut(jarAndOut[0], List.of(), jarAndOut[1], model);
      cmd.add(range);
      Result r = Processes.run(cmd, 10);
      assertThat(r.stderr(), r.code(), equalTo(0));
    }
    Map<String, String> flink = OutputDigests.of(flinkRange);
    assertThat(flink, equalTo(OutputDigests.of(directRange)));
    assertThat(flink.keySet(), hasItem("expected/totals.json"));
    for (String day : List.of("2026-03-04", "2026-03-05")) {
      List<String> cmd = withOut(FLINK_JAR, List.of(), flinkDays, model);
      cmd.add("--ingest-date=" + day);
      Result r = Processes.run(cmd, 10);
      assertThat(r.stderr(), r.code(), equalTo(0));
      String file = "events_by_ingest_date/" + day + ".ndjson";
      assertThat(file, OutputDigests.of(flinkDays).get(file), equalTo(flink.get(file)));
    }
  }

  @Test
  public void aTaskManagerKilledMidRunIsReplacedAndTheFilesAreUnchanged() throws Exception {
    String[] flags = {"--n-orders", "400000", "--seed", "11", "--start", "2026-03-01T00:00:00Z"};
    Path undisturbed = TMP.newFolder().toPath();
    Result reference = Processes.run(withOut(FLINK_JAR, List.of(), undisturbed, flags), 10);
    assertThat(reference.stderr(), reference.code(), equalTo(0));

    Path out = TMP.newFolder().toPath();
    List<String> cmd = withOut(FLINK_JAR, List.of(), out, flags);
    cmd.add("--flinkMaster=" + MASTER);
    cmd.add("--parallelism=2");
    Process job = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(TMP.newFile().toPath().toFile()).start();
    try {
      killTheTaskManagerAndStartAnother(waitForRecordsFlowing(job), job);
    } finally {
      job.descendants().forEach(ProcessHandle::destroyForcibly);
      job.destroyForcibly();
    }
    assertThat(restarts(), org.hamcrest.Matchers.greaterThan(0));
    assertThat(OutputDigests.of(out), equalTo(OutputDigests.of(undisturbed)));
  }

  /**
   * A live job on the cluster (checkpointing every 5 s by default) whose only TaskManager is killed
   * while it publishes: the job restarts from its last checkpoint on a new TaskManager and goes on
   * to --until. Nothing is missing: every line of the batch increment is in the topic, each order's
   * in order; what was published after the checkpoint is published again, as exact copies; and the
   * answer-key topic holds the increment's by_ingest_date rows.
   */
  @Test
  public void aLiveJobWhoseTaskManagerIsKilledResumesFromItsCheckpointAndLosesNothing() throws Exception {
    String topic = KafkaTopics.topic("live-kill");
    List<String> cmd = LiveModeIT.liveCommand(topic, "--flinkMaster=" + MASTER, "--parallelism=2");
    Process job = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(TMP.newFile().toPath().toFile()).start();
    try (KafkaConsumer<String, byte[]> consumer = KafkaTopics.consumer()) {
      waitUntil("records flow", () -> {
        if (!job.isAlive()) {
          throw new AssertionError("the job ended before it could be disturbed");
        }
        return KafkaTopics.endOffsets(consumer, topic) > 3000;
      });
      killTheTaskManagerAndStartAnother(newestJob().get("jid").asText(), job);
    } finally {
      job.descendants().forEach(ProcessHandle::destroyForcibly);
      job.destroyForcibly();
    }
    assertThat(restarts(), org.hamcrest.Matchers.greaterThan(0));
    Path batch = LiveModeIT.batch(TMP, "2026-01-01..2026-01-03");
    List<String> lines = Files.readAllLines(batch.resolve("events.ndjson"));
    int repeats = KafkaTopics.assertFirstDeliveriesAreTheLines(KafkaTopics.consumeAll(topic, lines.size()), lines);
    Map<String, JsonNode> published = LiveModeIT.answerKey(topic);
    JSON.readTree(batch.resolve("expected/by_ingest_date.json").toFile()).fields().forEachRemaining(
        e -> assertThat(e.getKey(), published.get("by_ingest_date/" + e.getKey()), equalTo(e.getValue())));
    System.out.printf("live job, TaskManager killed: %d records, %d published again%n", lines.size() + repeats, repeats);
  }

  @Test
  public void anUnreachableMasterFailsFastNamingTheAddressAndWritesNothing() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("never-written");
    List<String> cmd = withOut(FLINK_JAR, List.of(), out, "--n-orders", "10");
    cmd.add("--flinkMaster=127.0.0.1:1");
    Result r = Processes.run(cmd, 1);
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr(), containsString("--flinkMaster 127.0.0.1:1: no Flink cluster answers at http://127.0.0.1:1/overview"));
    assertThat(Files.exists(out), equalTo(false));
  }

  /**
   * The same preflight covers a cluster's own {@code flink run}: the address it would submit to
   * ({@code -m} here) must answer before anything is written.
   */
  @Test
  public void flinkRunToAnUnreachableClusterFailsFastNamingTheAddressAndWritesNothing() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("never-written-by-flink-run");
    Result r =
        Processes.run(
            List.of(SCRIPT.toString(), "flink", "run", "-m", "127.0.0.1:1", FLINK_JAR.toString(), "--out",
                out.toString(), "--n-orders", "10"),
            1);
    assertThat(r.code(), org.hamcrest.Matchers.not(equalTo(0)));
    assertThat(r.stdout() + r.stderr(),
        containsString("event-sim: flink run's cluster http://127.0.0.1:1: no Flink cluster answers at http://127.0.0.1:1/overview"));
    assertThat(Files.exists(out), equalTo(false));
  }

  private static Map<String, String> run(Path jar, List<String> jvm, String... extra) throws Exception {
    Path out = TMP.newFolder().toPath();
    List<String> cmd = withOut(jar, jvm, out, FLAGS);
    cmd.addAll(List.of(extra));
    Result r = Processes.run(cmd, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    return OutputDigests.of(out);
  }

  private static List<String> withOut(Path jar, List<String> jvm, Path out, String... flags) {
    List<String> cmd = new ArrayList<>(Processes.javaJar(jar, jvm, "--out", out.toString()));
    cmd.addAll(List.of(flags));
    return cmd;
  }

  /**
   * Waits until the newest job's order source has sent records on (its tasks are deployed and
   * generating), and returns the job's id.
   */
  private static String waitForRecordsFlowing(Process job) throws Exception {
    String[] jobId = new String[1];
    waitUntil(
        "the job's source sends records",
        () -> {
          if (!job.isAlive()) {
            throw new AssertionError("the job ended before it could be disturbed");
          }
          JsonNode newest = newestJob();
          if (newest == null || !newest.get("state").asText().equals("RUNNING")) {
            return false;
          }
          jobId[0] = newest.get("jid").asText();
          for (JsonNode v : JSON.readTree(rest("/jobs/" + jobId[0])).get("vertices")) {
            if (v.get("name").asText().contains("GenerateEvents/ReadOrderBlocks")
                && v.get("metrics").get("write-records").asLong() > 0) {
              return true;
            }
          }
          return false;
        });
    return jobId[0];
  }

  /**
   * Kills the cluster's TaskManager under job {@code jobId}, waits until the job notices, starts
   * another and waits for the command running the job to end, successfully.
   */
  private static void killTheTaskManagerAndStartAnother(String jobId, Process command) throws Exception {
    assertThat(Processes.run(List.of(SCRIPT.toString(), "kill-taskmanager"), 1).code(), equalTo(0));
    waitUntil("the job notices the lost TaskManager", () -> !jobState(jobId).equals("RUNNING") || restarts() > 0);
    Result restart = Processes.run(List.of(SCRIPT.toString(), "start"), 3);
    assertThat(restart.stderr(), restart.code(), equalTo(0));
    assertThat("the job finishes", command.waitFor(8, TimeUnit.MINUTES), equalTo(true));
    assertThat(command.exitValue(), equalTo(0));
  }

  private static String jobState(String jobId) throws Exception {
    return JSON.readTree(rest("/jobs/" + jobId)).get("state").asText();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} every 200 ms, for at most two minutes. */
  private static void waitUntil(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within two minutes: " + what);
      }
      Thread.sleep(200);
    }
  }

  private static JsonNode newestJob() throws Exception {
    JsonNode newest = null;
    for (JsonNode job : JSON.readTree(rest("/jobs/overview")).get("jobs")) {
      if (newest == null || job.get("start-time").asLong() > newest.get("start-time").asLong()) {
        newest = job;
      }
    }
    return newest;
  }

  /** Failures the newest job recovered from, from the cluster's REST API. */
  private static int restarts() throws Exception {
    JsonNode newest = newestJob();
    JsonNode exceptions = JSON.readTree(rest("/jobs/" + newest.get("jid").asText() + "/exceptions"));
    return exceptions.path("exceptionHistory").path("entries").size();
  }

  private static String rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + MASTER + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
