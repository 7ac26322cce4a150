package org.eventsim.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.eventsim.testing.OutputDigests;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Output on HDFS and S3, against a real NameNode + DataNode and a real S3-compatible server on
 * 127.0.0.1 (started by src/scripts/hdfs-local.sh and s3-local.sh around these tests), read back
 * with Hadoop's own FileSystem API and the AWS SDK, never with event-sim's code: the same bytes as a
 * local run, only the documented entries, one run at a time, and a bad location refused.
 */
public class StorageIT {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path FLINK_JAR = Path.of(System.getProperty("eventsim.flinkJar"));
  private static final Path DIRECT_JAR = Path.of(System.getProperty("eventsim.directJar"));
  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();
  private static final String HDFS = "hdfs://127.0.0.1:8020";
  private static final String S3_ENDPOINT = "http://127.0.0.1:9000";
  private static final String BUCKET = "event-sim";
  private static final String[] FLAGS = {
    "--n-orders", "20000", "--seed", "7", "--start", "2026-03-01T00:00:00Z", "--late-rate", "0.1",
    "--duplicate-rate", "0.02"
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> s3Env;
  private static S3Client s3;
  private static FileSystem hdfs;
  private static Map<String, String> local;

  @BeforeClass
  public static void clientsAndALocalReferenceRun() throws Exception {
    s3Env = new HashMap<>();
    for (String line : Processes.run(List.of(ROOT.resolve("src/scripts/s3-local.sh").toString(), "env"), 1).stdout().split("\n")) {
      String[] kv = line.replace("export ", "").split("=", 2);
      s3Env.put(kv[0], kv[1]);
    }
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create(S3_ENDPOINT))
            .forcePathStyle(true)
            .region(Region.of(s3Env.get("AWS_REGION")))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3Env.get("AWS_ACCESS_KEY_ID"), s3Env.get("AWS_SECRET_ACCESS_KEY"))))
            .build();
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", HDFS);
    hdfs = FileSystem.newInstance(URI.create(HDFS), conf);

    Path out = TMP.newFolder().toPath();
    Result r = Processes.run(cmd(DIRECT_JAR, out.toString(), FLAGS), 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    local = OutputDigests.of(out);
  }

  @AfterClass
  public static void closeClients() throws IOException {
    s3.close();
    hdfs.close();
  }

  @Test
  public void hdfsOnTheDirectRunnerHoldsTheLocalRunsBytes() throws Exception {
    String out = HDFS + "/it/direct-" + System.nanoTime();
    Result r = Processes.run(cmd(DIRECT_JAR, out, FLAGS), 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(hdfsDigests(out), equalTo(local));
  }

  @Test
  public void hdfsFromTheFlinkClusterAtParallelismTwoHoldsTheLocalRunsBytes() throws Exception {
    String out = HDFS + "/it/cluster-" + System.nanoTime();
    List<String> cmd = cmd(FLINK_JAR, out, FLAGS);
    cmd.addAll(List.of("--flinkMaster=127.0.0.1:8081", "--parallelism=2"));
    Result r = Processes.run(cmd, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(hdfsDigests(out), equalTo(local));
  }

  @Test
  public void s3OnEmbeddedFlinkHoldsTheLocalRunsBytes() throws Exception {
    String prefix = "it/flink-" + System.nanoTime();
    Result r = Processes.run(s3Cmd(FLINK_JAR, prefix, FLAGS), s3Env, 10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(s3Digests(prefix), equalTo(local));
  }

  /**
   * Parquet files on HDFS (from the cluster at parallelism 2) and on S3 (from Flink embedded), and
   * zstd files on S3, are the local run's bytes: their pieces are read back through each store's
   * seekable channels and joined there.
   */
  @Test
  public void parquetAndZstdOnHdfsAndS3HoldTheLocalRunsBytes() throws Exception {
    for (String format : List.of("--format=parquet", "--compression=zstd")) {
      String[] flags = Stream.concat(Stream.of(FLAGS), Stream.of(format, "--maxGroupEvents=5000")).toArray(String[]::new);
      Path localOut = TMP.newFolder().toPath();
      Result reference = Processes.run(cmd(DIRECT_JAR, localOut.toString(), flags), 10);
      assertThat(reference.stderr(), reference.code(), equalTo(0));
      Map<String, String> expected = OutputDigests.of(localOut);

      String prefix = "it/format-" + System.nanoTime();
      Result onS3 = Processes.run(s3Cmd(FLINK_JAR, prefix, flags), s3Env, 10);
      assertThat(onS3.stderr(), onS3.code(), equalTo(0));
      assertThat(format + " on S3", s3Digests(prefix), equalTo(expected));

      if (format.equals("--format=parquet")) {
        String out = HDFS + "/it/parquet-" + System.nanoTime();
        List<String> cmd = cmd(FLINK_JAR, out, flags);
        cmd.addAll(List.of("--flinkMaster=127.0.0.1:8081", "--parallelism=2"));
        Result onHdfs = Processes.run(cmd, 10);
        assertThat(onHdfs.stderr(), onHdfs.code(), equalTo(0));
        assertThat(format + " on HDFS", hdfsDigests(out), equalTo(expected));
      }
    }
  }

  /** Of two runs started on one folder, one is refused at once; the other leaves a complete folder. */
  @Test
  public void twoConcurrentRunsOnOneS3FolderCannotMix() throws Exception {
    String prefix = "it/concurrent-" + System.nanoTime();
    Process first = start(s3Cmd(DIRECT_JAR, prefix, "--n-orders", "150000", "--seed", "1", "--start", "2026-01-01"));
    try {
      waitUntilAProgressLine(first);
      Result second =
          Processes.run(s3Cmd(DIRECT_JAR, prefix, "--n-orders", "150000", "--seed", "2", "--start", "2026-01-01"), s3Env, 2);
      assertThat(second.code(), equalTo(1));
      assertThat(second.stderr(), containsString("event-sim: --out s3://" + BUCKET + "/" + prefix + " is in use by another run: process " + first.pid()));
      assertThat(first.waitFor(5, TimeUnit.MINUTES), equalTo(true));
      assertThat(first.exitValue(), equalTo(0));
    } finally {
      first.destroyForcibly();
    }
    Map<String, byte[]> files = s3Files(prefix);
    JsonNode stats = JSON.readTree(files.get("stats.json"));
    assertThat(stats.get("seed").asLong(), equalTo(1L));
    assertMatchesItsStats(files, stats);
  }

  /** A run killed part-way on S3: the next run takes the folder over and leaves it complete. */
  @Test
  public void aRunKilledOnS3IsTakenOverByTheNext() throws Exception {
    String prefix = "it/killed-" + System.nanoTime();
    Process killed = start(s3Cmd(DIRECT_JAR, prefix, "--n-orders", "150000", "--seed", "3", "--start", "2026-01-01"));
    try {
      waitUntilAProgressLine(killed);
    } finally {
      killed.destroyForcibly(); // SIGKILL
      killed.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat("a killed run leaves no stats.json", s3Files(prefix).containsKey("stats.json"), equalTo(false));
    Result next = Processes.run(s3Cmd(DIRECT_JAR, prefix, "--n-orders", "3000", "--seed", "4", "--start", "2026-01-01"), s3Env, 5);
    assertThat(next.stderr(), next.code(), equalTo(0));
    Map<String, byte[]> files = s3Files(prefix);
    assertMatchesItsStats(files, JSON.readTree(files.get("stats.json")));
  }

  /**
   * On HDFS a run writes into a staging folder and commits by renames: one killed part-way leaves
   * the earlier complete run's files and stats.json as they were; the next run takes over.
   */
  @Test
  public void aRunKilledOnHdfsLeavesTheEarlierRunAsItWas() throws Exception {
    String out = HDFS + "/it/kept-" + System.nanoTime();
    Result earlier = Processes.run(cmd(DIRECT_JAR, out, "--n-orders", "2000", "--seed", "5", "--start", "2026-01-01"), 5);
    assertThat(earlier.stderr(), earlier.code(), equalTo(0));
    Map<String, String> complete = hdfsDigests(out);
    Process killed = start(cmd(DIRECT_JAR, out, "--n-orders", "150000", "--seed", "6", "--start", "2026-01-01"));
    try {
      waitUntilAProgressLine(killed);
    } finally {
      killed.destroyForcibly(); // SIGKILL
      killed.waitFor(30, TimeUnit.SECONDS);
    }
    Map<String, String> after = hdfsDigests(out);
    after.keySet().removeIf(f -> !isOutput(f)); // the killed run's lease and staging folder
    assertThat(after, equalTo(complete));
    Result next = Processes.run(cmd(DIRECT_JAR, out, "--n-orders", "2000", "--seed", "5", "--start", "2026-01-01"), 5);
    assertThat(next.stderr(), next.code(), equalTo(0));
    assertThat(hdfsDigests(out), equalTo(complete));
  }

  @Test
  public void badLocationsAreRefusedWithOneLineNamingThemAndNothingIsWritten() throws Exception {
    String missing = "it/never-" + System.nanoTime();
    Result scheme = Processes.run(cmd(DIRECT_JAR, "nosuch://bucket/x", "--n-orders", "10"), 1);
    assertThat(scheme.code(), equalTo(2));
    assertThat(scheme.stderr().strip(), equalTo(
        "event-sim: --out 'nosuch://bucket/x': event-sim does not write to nosuch:// (it writes to a local folder, hdfs://HOST:PORT/path or s3://bucket/prefix)"));

    Result nameNode = Processes.run(cmd(DIRECT_JAR, "hdfs://127.0.0.1:1/x", "--n-orders", "10"), 1);
    assertThat(nameNode.code(), equalTo(1));
    assertThat(nameNode.stderr().strip(), containsString("event-sim: --out hdfs://127.0.0.1:1/x: cannot be written (ConnectException"));
    assertThat(nameNode.stderr().strip().lines().count(), equalTo(1L));

    Result bucket =
        Processes.run(
            List.of("java", "-jar", DIRECT_JAR.toString(), "--out", "s3://no-such-bucket/x", "--s3-endpoint", S3_ENDPOINT, "--n-orders", "10"),
            s3Env, 1);
    assertThat(bucket.code(), equalTo(2));
    assertThat(bucket.stderr().strip(), equalTo("event-sim: --out s3://no-such-bucket/x: cannot be written (FileNotFoundException: no bucket no-such-bucket on this store)"));
    assertThat(bucket.stderr().strip().lines().count(), equalTo(1L));

    Map<String, String> badKeys = new HashMap<>(s3Env);
    badKeys.put("AWS_SECRET_ACCESS_KEY", "wrong");
    Result credentials = Processes.run(s3Cmd(DIRECT_JAR, missing, "--n-orders", "10"), badKeys, 1);
    assertThat(credentials.code(), equalTo(1));
    assertThat(credentials.stderr().strip(), containsString("event-sim: --out s3://" + BUCKET + "/" + missing + ": cannot be written ("));
    assertThat(credentials.stderr().strip().lines().count(), equalTo(1L));
    assertThat(s3Files(missing).keySet(), equalTo(java.util.Set.of()));
  }

  /** Every ingest-date file and events.ndjson hold exactly what stats.json counts. */
  private static void assertMatchesItsStats(Map<String, byte[]> files, JsonNode stats) {
    assertThat(lines(files.get("events.ndjson")), equalTo(stats.get("n_events").asLong()));
    Map<String, Long> perDay = new TreeMap<>();
    files.forEach((name, bytes) -> {
      if (name.startsWith("events_by_ingest_date/")) {
        perDay.put(name.substring("events_by_ingest_date/".length(), name.length() - ".ndjson".length()), lines(bytes));
      }
    });
    Map<String, Long> counted = new TreeMap<>();
    stats.get("events_by_ingest_date").fields().forEachRemaining(e -> counted.put(e.getKey(), e.getValue().asLong()));
    assertThat(perDay, equalTo(counted));
    for (String name : files.keySet()) {
      assertThat("only the outputs: " + name, isOutput(name), equalTo(true));
    }
  }

  private static boolean isOutput(String name) {
    return name.equals("events.ndjson") || name.equals("stats.json") || name.startsWith("expected/")
        || name.startsWith("events_by_ingest_date/") || name.startsWith("events_by_event_date/");
  }

  private static long lines(byte[] bytes) {
    long n = 0;
    for (byte b : bytes) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  /** sha256 of every file under {@code dir}, read with Hadoop's FileSystem API. */
  private static Map<String, String> hdfsDigests(String dir) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    String prefix = hdfs.getFileStatus(root).getPath().toString() + "/";
    RemoteIterator<LocatedFileStatus> files = hdfs.listFiles(root, true);
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path f = files.next().getPath();
      try (InputStream in = hdfs.open(f)) {
        digests.put(f.toString().substring(prefix.length()), digest(f.getName(), in.readAllBytes()));
      }
    }
    return digests;
  }

  /** Every object under {@code prefix}, read with the AWS SDK, by its name below the prefix. */
  private static Map<String, byte[]> s3Files(String prefix) {
    Map<String, byte[]> files = new TreeMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(BUCKET).prefix(prefix + "/").build()).contents()) {
      byte[] bytes = s3.getObject(GetObjectRequest.builder().bucket(BUCKET).key(o.key()).build(), ResponseTransformer.toBytes()).asByteArray();
      files.put(o.key().substring(prefix.length() + 1), bytes);
    }
    return files;
  }

  private static Map<String, String> s3Digests(String prefix) {
    Map<String, String> digests = new TreeMap<>();
    s3Files(prefix).forEach((name, bytes) -> digests.put(name, digest(name, bytes)));
    return digests;
  }

  /** As OutputDigests: sha256, stats.json with out_dir blanked. */
  private static String digest(String name, byte[] bytes) {
    if (name.endsWith("stats.json")) {
      bytes = new String(bytes, StandardCharsets.UTF_8)
          .replaceAll("\"out_dir\": \"[^\"]*\"", "\"out_dir\": \"-\"")
          .getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> cmd(Path jar, String out, String... flags) {
    List<String> cmd = new ArrayList<>(Processes.javaJar(jar, List.of(), "--out", out));
    cmd.addAll(List.of(flags));
    return cmd;
  }

  private static List<String> s3Cmd(Path jar, String prefix, String... flags) {
    List<String> cmd = cmd(jar, "s3://" + BUCKET + "/" + prefix, flags);
    cmd.addAll(List.of("--s3-endpoint", S3_ENDPOINT));
    return cmd;
  }

  private static Process start(List<String> cmd) throws IOException {
    ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    b.environment().putAll(s3Env);
    return b.start();
  }

  /** Reads the run's stderr until its first progress line: it holds the folder and is writing. */
  private static void waitUntilAProgressLine(Process p) throws IOException {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null) {
      if (line.startsWith("event-sim: generating: ") || line.startsWith("event-sim: sorting and writing")) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new AssertionError("the run ended without a progress line");
  }
}
