package org.eventsim.runners.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.cli.RunnerSetup;
import org.eventsim.cli.UnavailableException;

/**
 * The FlinkRunner's defaults and preflight check.
 *
 * <ul>
 *   <li>{@code --fasterCopy=true}: Flink does not deep-copy every element between chained steps.
 *       Safe because no step of this pipeline mutates an element (the DirectRunner's immutability
 *       checks in the tests enforce it).
 *   <li>A Flink configuration ({@code flink-conf.yaml} in this jar, passed as {@code
 *       --flinkConfDir}) unless the user gives {@code --flinkConfDir} or {@code FLINK_CONF_DIR}: a
 *       restart strategy, so that a lost TaskManager makes the job retry, and memory settings for
 *       Flink embedded in this process.
 *   <li>Preflight: with {@code --flinkMaster=HOST:PORT}, the cluster's REST endpoint must answer
 *       within 10 s, else the command stops before writing anything, naming the address.
 * </ul>
 */
final class FlinkSetup implements RunnerSetup {
  static final String CONFIG_RESOURCE = "/org/eventsim/runners/flink/flink-conf.yaml";
  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);

  private final String flinkConfDirEnv;

  FlinkSetup(String flinkConfDirEnv) {
    this.flinkConfDirEnv = flinkConfDirEnv;
  }

  @Override
  public List<String> defaults() {
    List<String> defaults = new ArrayList<>(List.of("--runner=FlinkRunner", "--fasterCopy=true"));
    if (flinkConfDirEnv == null || flinkConfDirEnv.isBlank()) {
      defaults.add("--flinkConfDir=" + writeDefaultConfig());
    }
    return defaults;
  }

  @Override
  public void preflight(PipelineOptions options) throws UnavailableException {
    String master = options.as(FlinkMasterOptions.class).getFlinkMaster();
    if (master == null || master.startsWith("[")) {
      return; // Flink embedded in this process
    }
    String base = master.startsWith("http://") || master.startsWith("https://") ? master : "http://" + master;
    URI overview;
    try {
      overview = URI.create(base.replaceAll("/+$", "") + "/overview");
    } catch (IllegalArgumentException e) {
      throw new UnavailableException("--flinkMaster '" + master + "' is not HOST:PORT");
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(PREFLIGHT_TIMEOUT).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(overview).timeout(PREFLIGHT_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("taskmanagers")) {
        throw new UnavailableException(
            "--flinkMaster " + master + ": " + overview + " answered HTTP " + response.statusCode()
                + ", not a Flink cluster's REST endpoint");
      }
    } catch (IOException e) {
      throw new UnavailableException(
          "--flinkMaster " + master + ": no Flink cluster answers at " + overview + " ("
              + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("--flinkMaster " + master + ": interrupted while checking it");
    }
  }

  /** Writes the bundled Flink configuration to a fresh folder, removed when the JVM exits. */
  private static String writeDefaultConfig() {
    try (InputStream in = FlinkSetup.class.getResourceAsStream(CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CONFIG_RESOURCE);
      }
      Path dir = Files.createTempDirectory("event-sim-flink-conf");
      Path file = dir.resolve("config.yaml");
      Files.copy(in, file);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
