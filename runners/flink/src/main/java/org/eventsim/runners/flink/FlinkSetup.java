package org.eventsim.runners.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.highavailability.HighAvailabilityServicesUtils;
import org.apache.flink.runtime.jobmanager.HighAvailabilityMode;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.eventsim.cli.ProgressProbe;
import org.eventsim.cli.RunnerSetup;
import org.eventsim.cli.ProcessTemp;
import org.eventsim.cli.UnavailableException;
import org.eventsim.options.RunConfig;
import org.eventsim.options.UsageException;

/**
 * The FlinkRunner's defaults and checks.
 *
 * <ul>
 *   <li>{@code --fasterCopy=true}: Flink does not deep-copy every element between chained steps.
 *       Safe because no step of this pipeline mutates an element (the DirectRunner's immutability
 *       checks in the tests enforce it).
 *   <li>A Flink configuration ({@code flink-conf.yaml} in this jar, passed as {@code
 *       --flinkConfDir}) unless the user gives {@code --flinkConfDir} or {@code FLINK_CONF_DIR}: a
 *       restart strategy, so that a lost TaskManager makes the job retry, memory settings for Flink
 *       embedded in this process, and its REST API on a free port of 127.0.0.1, which the progress
 *       line reads.
 *   <li>A live run ({@code --live}) checkpoints every {@value #LIVE_CHECKPOINT_INTERVAL_MS} ms
 *       unless {@code --checkpointingInterval} says otherwise, so that a lost TaskManager costs a
 *       restart from the last checkpoint, not from the start.
 *   <li>{@code --parallelism} and {@code --maxParallelism}: -1 or at least 1 (Flink would reject
 *       others only once the job is submitted).
 *   <li>Preflight: the cluster a job goes to must answer on its REST endpoint within 10 s, else
 *       the command stops before writing anything, naming the address. That is {@code
 *       --flinkMaster=HOST:PORT}, or, when the job jar runs under a cluster's own {@code flink
 *       run}, the address that {@code flink run} submits to ({@code -m}, or {@code rest.address}
 *       and {@code rest.port} of its configuration).
 * </ul>
 */
final class FlinkSetup implements RunnerSetup {
  static final String CONFIG_RESOURCE = "/org/eventsim/runners/flink/flink-conf.yaml";
  /** The values of {@code --flinkMaster} that mean Flink embedded in this process. */
  private static final java.util.Set<String> EMBEDDED_MASTERS = java.util.Set.of("[auto]", "[local]");
  /**
   * The most parallel subtasks Flink embedded in the command runs. Its network stack grows with the
   * square of the parallelism: 10 orders took 4-6 s at 16-64, 8.8 s at 128, 26 s at 256, and did not
   * finish in 100 s at 512 (2 cores).
   */
  static final int MAX_EMBEDDED_PARALLELISM = 64;
  /** Flink's upper bound of a job's maximum parallelism (its key groups). */
  private static final int MAX_MAX_PARALLELISM = 32_768;
  /** How long a cancelled job may take to end before the command ends without waiting. */
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * A live job's checkpoint interval unless {@code --checkpointingInterval} is given: a failure
   * republishes at most the last 5 s of events (its checkpoints are a few bytes per player).
   */
  static final long LIVE_CHECKPOINT_INTERVAL_MS = 5_000;

  private final String flinkConfDirEnv;
  private String defaultConfDir;
  private String embeddedRest;
  private String clusterRest;

  FlinkSetup(String flinkConfDirEnv) {
    this.flinkConfDirEnv = flinkConfDirEnv;
  }

  @Override
  public List<String> defaults() {
    List<String> defaults = new ArrayList<>(List.of("--runner=FlinkRunner", "--fasterCopy=true"));
    if (flinkConfDirEnv == null || flinkConfDirEnv.isBlank()) {
      int port = freePort();
      defaultConfDir = writeDefaultConfig(port);
      embeddedRest = "http://127.0.0.1:" + port;
      defaults.add("--flinkConfDir=" + defaultConfDir);
    }
    return defaults;
  }

  @Override
  public void validate(PipelineOptions options) throws UsageException {
    FlinkMasterOptions flink = options.as(FlinkMasterOptions.class);
    for (String name : List.of("parallelism", "maxParallelism")) {
      Integer p = name.equals("parallelism") ? flink.getParallelism() : flink.getMaxParallelism();
      if (p == null || (p != -1 && p < 1)) {
        throw new UsageException("--" + name + " must be -1 (Flink's default) or an integer >= 1, got '" + p + "'");
      }
    }
    int parallelism = flink.getParallelism();
    int maxParallelism = flink.getMaxParallelism();
    if (maxParallelism > MAX_MAX_PARALLELISM) {
      throw new UsageException(
          "--maxParallelism must be -1 (Flink's default) or an integer from 1 to " + MAX_MAX_PARALLELISM
              + " (Flink's limit), got '" + maxParallelism + "'");
    }
    if (maxParallelism != -1 && parallelism > maxParallelism) {
      throw new UsageException(
          "--parallelism " + parallelism + " is more than --maxParallelism " + maxParallelism
              + ": a job's parallelism is at most its maximum parallelism");
    }
    String master = flink.getFlinkMaster();
    if (!EMBEDDED_MASTERS.contains(master)) {
      clusterAddress(master); // throws a usage error naming the flag
    } else if (parallelism > MAX_EMBEDDED_PARALLELISM && ExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
      throw new UsageException(
          "--parallelism " + parallelism + " is more than Flink embedded in this process runs ("
              + MAX_EMBEDDED_PARALLELISM + "): its network stack grows with the square of the parallelism"
              + " (at 256 a run of 10 orders took 26 s, at 512 it did not finish); give at most "
              + MAX_EMBEDDED_PARALLELISM + ", or submit to a cluster with --flinkMaster=HOST:PORT");
    }
  }

  /**
   * The REST address {@code --flinkMaster} names: HOST:PORT (a name, an IPv4 address or a bracketed
   * IPv6 address, a port from 1 to 65535), optionally as an http:// or https:// URL.
   */
  static String clusterAddress(String master) throws UsageException {
    String accepts =
        "--flinkMaster must be HOST:PORT of a Flink cluster's REST endpoint (a port from 1 to 65535),"
            + " or [auto] / [local] for Flink embedded in this process, got '" + master + "'";
    if (master == null || master.isBlank()) {
      throw new UsageException(accepts);
    }
    String url = master.matches("(?i)https?://.*") ? master : "http://" + master;
    URI uri;
    try {
      uri = new URI(url.replaceAll("/+$", ""));
    } catch (URISyntaxException e) {
      throw new UsageException(accepts);
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535
        || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null || uri.getUserInfo() != null) {
      throw new UsageException(accepts);
    }
    return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public void preflight(PipelineOptions options, RunConfig config) throws UnavailableException {
    FlinkMasterOptions flink = options.as(FlinkMasterOptions.class);
    if (config.live() != null && flink.getCheckpointingInterval() == -1) {
      flink.setCheckpointingInterval(LIVE_CHECKPOINT_INTERVAL_MS);
    }
    if (config.live() != null && flink.getAutoWatermarkInterval() == null) {
      flink.setAutoWatermarkInterval(200L); // what Flink would use, without its warning that none is set
    }
    String master = flink.getFlinkMaster();
    int parallelism = flink.getParallelism();
    try {
      if (!EMBEDDED_MASTERS.contains(master)) {
        clusterRest = check("--flinkMaster " + master, clusterAddress(master), parallelism);
      } else if (!ExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
        String submitsTo = flinkRunTarget();
        if (submitsTo != null) {
          clusterRest = check("flink run's cluster " + submitsTo, submitsTo, parallelism);
        }
      }
    } catch (UsageException e) {
      throw new UnavailableException(e.getMessage()); // validate() has checked the address already
    }
  }

  @Override
  public void cancel(PipelineOptions options, PipelineResult result) {
    String base = restBase(options);
    if (base == null) {
      RunnerSetup.super.cancel(options, result);
      return;
    }
    // Beam's FlinkRunner returns from run() only when a batch job has ended: cancel it through
    // the REST API of the cluster it runs on (the embedded one's too). The runner would log the
    // cancellation as a failure, with its stack trace: it is what was asked for.
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        "org.apache.beam.runners.flink", org.apache.logging.log4j.Level.OFF);
    FlinkRestProbe rest = new FlinkRestProbe(base, options.getJobName());
    rest.cancel(CANCEL_TIMEOUT);
  }

  @Override
  public boolean runsElsewhere(PipelineOptions options) {
    return clusterRest != null;
  }

  @Override
  public void close() {
    if (defaultConfDir != null) {
      ProcessTemp.deleteTree(Path.of(defaultConfDir));
    }
  }

  @Override
  public ProgressProbe progressProbe(PipelineOptions options, Supplier<PipelineResult> result) {
    String base = restBase(options);
    if (base == null) {
      return () -> null; // a configuration of the user's own: its REST address is not known here
    }
    return new FlinkRestProbe(base, options.getJobName());
  }

  /**
   * The REST API of the cluster the job runs on: the one the preflight checked, or the embedded
   * cluster's when it runs with this setup's configuration; null when unknown (a configuration of
   * the user's own).
   */
  private String restBase(PipelineOptions options) {
    if (clusterRest != null) {
      return clusterRest;
    }
    String confDir = options.as(FlinkMasterOptions.class).getFlinkConfDir();
    return defaultConfDir != null && defaultConfDir.equals(confDir) ? embeddedRest : null;
  }

  /**
   * Under a cluster's {@code flink run}: the REST address the job will be submitted to, as Flink's
   * own client computes it; null for targets other than a standalone session (YARN, Kubernetes)
   * or with high availability, whose address is found at submission.
   */
  private static String flinkRunTarget() {
    Configuration c = ExecutionEnvironment.getExecutionEnvironment().getConfiguration();
    if (!"remote".equals(c.get(DeploymentOptions.TARGET))
        || HighAvailabilityMode.isHighAvailabilityModeActivated(c)
        || !c.contains(RestOptions.ADDRESS)
            && !c.contains(JobManagerOptions.ADDRESS)) {
      return null;
    }
    try {
      return HighAvailabilityServicesUtils.getWebMonitorAddress(c, AddressResolution.NO_ADDRESS_RESOLUTION);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Checks that a Flink REST endpoint answers at {@code address} (HOST:PORT or a URL) within 10 s.
   *
   * @param what how the message names the address, e.g. {@code --flinkMaster host:8081}
   * @return the endpoint's base URL
   */
  private static String check(String what, String address, int parallelism) throws UnavailableException {
    String base = address.startsWith("http://") || address.startsWith("https://") ? address : "http://" + address;
    base = base.replaceAll("/+$", "");
    URI overview;
    try {
      overview = URI.create(base + "/overview");
    } catch (IllegalArgumentException e) {
      throw new UnavailableException(what + " is not HOST:PORT");
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(PREFLIGHT_TIMEOUT).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(overview).timeout(PREFLIGHT_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("taskmanagers")) {
        throw new UnavailableException(
            what + ": " + overview + " answered HTTP " + response.statusCode()
                + ", not a Flink cluster's REST endpoint");
      }
      int slots = new ObjectMapper().readTree(response.body()).path("slots-total").asInt(-1);
      if (parallelism > 0 && slots >= 0 && parallelism > slots) {
        throw new UnavailableException(
            what + " has " + slots + " task slots, fewer than --parallelism " + parallelism
                + " asks for (a job needs a slot per parallel subtask): give --parallelism of at most "
                + slots + ", or add TaskManagers");
      }
      return base;
    } catch (IOException e) {
      throw new UnavailableException(
          what + ": no Flink cluster answers at " + overview + " ("
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException(what + ": interrupted while checking it");
    }
  }

  /** A port of 127.0.0.1 that is free now, for the embedded cluster's REST API. */
  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the bundled Flink configuration, plus the embedded REST API's address, to a fresh
   * folder removed when the JVM exits.
   */
  private static String writeDefaultConfig(int restPort) {
    try (InputStream in = FlinkSetup.class.getResourceAsStream(CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CONFIG_RESOURCE);
      }
      String config =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              + "\n# Flink embedded in the command: its REST API, which the progress line reads\n"
              + "rest.address: 127.0.0.1\n"
              + "rest.bind-address: 127.0.0.1\n"
              + "rest.bind-port: \"" + restPort + "\"\n"
              + "metrics.fetcher.update-interval: 1000\n";
      Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "event-sim-flink-conf");
      // everything the embedded cluster keeps on disk goes under the folder, which close() removes
      config += "io.tmp.dirs: \"" + dir.resolve("tmp") + "\"\n";
      Files.writeString(dir.resolve("config.yaml"), config, StandardCharsets.UTF_8);
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
