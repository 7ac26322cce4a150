package org.eventsim.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.EventType;
import org.eventsim.options.Flags;
import org.eventsim.testing.AnswerKeyFromEvents;
import org.eventsim.testing.ReferenceModel;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command end to end, in-process on the DirectRunner. */
public class EventSimCliTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START = "2026-01-01T00:00:00Z";

  @Test
  public void writesTheSeedsLayoutMatchingTheReference() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("out");
    CliRun run = CliRun.of("--out", out.toString(), "--n-orders", "2000", "--seed", "42", "--start", START);
    assertThat(run.stderr(), run.exitCode(), equalTo(0));

    ReferenceModel expected = ReferenceModel.of(GeneratorConfig.builder().numOrders(2000).build());
    assertThat(Files.readAllBytes(out.resolve("events.ndjson")), equalTo(expected.eventsFile()));
    for (Map.Entry<String, byte[]> f : expected.byIngestDate().entrySet()) {
      assertThat(Files.readAllBytes(out.resolve("events_by_ingest_date").resolve(f.getKey())), equalTo(f.getValue()));
    }
    for (Map.Entry<String, byte[]> f : expected.byEventDate().entrySet()) {
      assertThat(Files.readAllBytes(out.resolve("events_by_event_date").resolve(f.getKey())), equalTo(f.getValue()));
    }
    assertThat(list(out), equalTo(List.of("events.ndjson", "events_by_event_date", "events_by_ingest_date", "expected", "stats.json")));

    JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
    assertThat(stats.get("n_orders").asLong(), equalTo(2000L));
    assertThat(stats.get("n_events").asLong(), equalTo((long) expected.events().size()));
    for (EventType t : EventType.values()) {
      long n = expected.events().stream().filter(e -> e.type() == t).count();
      assertThat(t.wireName(), stats.get("event_types").get(t.wireName()).asLong(), equalTo(n));
    }
    assertThat(stats.get("seed").asLong(), equalTo(42L));
    assertThat(stats.get("start").asText(), equalTo("2026-01-01T00:00:00.000000Z"));
    assertThat(stats.get("config").get("late_rate").asDouble(), equalTo(0.06));
    assertThat(stats.get("out_dir").asText(), equalTo(out.toString()));

    String[] stdout = run.stdout().strip().split("\n");
    JsonNode summary = JSON.readTree(stdout[stdout.length - 1]);
    assertThat(summary.get("status").asText(), equalTo("ok"));
    assertThat(summary.get("events").asLong(), equalTo((long) expected.events().size()));
    assertThat(summary.get("runner").asText(), equalTo("DirectRunner"));
  }

  @Test
  public void sameFlagsGiveIdenticalBytesWhateverTheShardingParallelismOrFlagStyle() throws Exception {
    String[] common = {"--n-orders", "1500", "--seed", "7", "--start", START, "--span-days", "5"};
    Map<String, String> baseline = runDigests(common, "--targetParallelism=1", "--ordersPerBlock=1000");
    assertThat(baseline.keySet(), hasItem("events_by_event_date/2026-01-03.ndjson"));
    assertThat(runDigests(common, "--targetParallelism=4", "--ordersPerBlock=37"), equalTo(baseline));
    // many small parts per day, concatenated: the other way the files are assembled
    assertThat(runDigests(common, "--targetParallelism=3", "--ordersPerBlock=100", "--maxGroupEvents=1000"), equalTo(baseline));
    Path out = tmp.newFolder().toPath();
    CliRun beamStyle = CliRun.of("--out=" + out, "--numOrders=1500", "--seed=7", "--start=" + START, "--span-days=5");
    assertThat(beamStyle.stderr(), beamStyle.exitCode(), equalTo(0));
    assertThat(CliRun.digests(out), equalTo(baseline));
  }

  /**
   * Pins every file of a run that takes every branch of the model (late, out-of-order, corrected,
   * cancelled, duplicated, v1 and v2): any change to what a seed produces must be deliberate. The
   * digests are in {@value #GOLDEN} (sha256sum format; stats.json with out_dir blanked). After a
   * deliberate change, regenerate it with -Deventsim.writeGolden=true and review the diff.
   */
  @Test
  public void goldenRun() throws Exception {
    Path out = tmp.newFolder().toPath();
    CliRun run =
        CliRun.of("--out", out.toString(), "--n-orders", "2000", "--seed", "42", "--start", START,
            "--duplicate-rate", "0.02");
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    Map<String, String> digests = CliRun.digests(out);
    StringBuilder actual = new StringBuilder();
    digests.forEach((file, sha) -> actual.append(sha).append("  ").append(file).append('\n'));
    Path golden = Path.of(System.getProperty("eventsim.testResources", "src/test/resources")).resolve(GOLDEN);
    if (Boolean.getBoolean("eventsim.writeGolden")) {
      Files.writeString(golden, actual.toString());
    }
    assertThat(actual.toString(), equalTo(Files.readString(golden)));
    JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
    for (String branch : List.of("late_events_estimate", "out_of_order_orders", "duplicates")) {
      assertThat(branch, stats.get(branch).asLong() > 0, equalTo(true));
    }
    for (String type : List.of("order_cancelled", "order_amount_corrected", "order_shipped")) {
      assertThat(type, stats.get("event_types").get(type).asLong() > 0, equalTo(true));
    }
    assertThat(stats.get("schema_versions").get("2").asLong() > 0, equalTo(true));
  }

  private static final String GOLDEN = "golden/seed42-n2000-dup0.02.sha256";

  /**
   * stats.json's late_rate_observed is the Python tool's round(late / n_events, 4); the late and
   * out-of-order counts of stats.json and of the answer key come from one tally, so they agree
   * whenever there are no duplicates (stats.json counts every line, the key first deliveries).
   */
  @Test
  public void statsJsonAndTheAnswerKeyAgreeAndTheLateRateIsRoundedAsThePythonToolDid() throws Exception {
    for (String seed : List.of("3", "8", "13")) {
      Path out = tmp.newFolder().toPath();
      CliRun run =
          CliRun.of("--out", out.toString(), "--n-orders", "1500", "--seed", seed, "--start", START,
              "--late-rate", "0.15");
      assertThat(run.stderr(), run.exitCode(), equalTo(0));
      JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
      JsonNode totals = JSON.readTree(out.resolve("expected/totals.json").toFile());
      long late = stats.get("late_events_estimate").asLong();
      long events = stats.get("n_events").asLong();
      assertThat(late, equalTo(totals.get("late_events_received").asLong()));
      assertThat(stats.get("out_of_order_orders").asLong(), equalTo(totals.get("out_of_order_orders").asLong()));
      assertThat(events, equalTo(totals.get("events_received").asLong()));
      String text = Files.readString(out.resolve("stats.json"));
      String printed = text.replaceAll("(?s).*\"late_rate_observed\": ([0-9.]+),.*", "$1");
      assertThat(printed, equalTo(pythonRound4((double) late / events)));
    }
  }

  /** Python's repr(round(x, 4)), written out independently of the code under test. */
  private static String pythonRound4(double x) {
    String s = new java.math.BigDecimal(x).setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString();
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }

  @Test
  public void aRerunReplacesItsOutputsLeavesNoStalePartitionAndKeepsOtherFiles() throws Exception {
    Path out = tmp.newFolder().toPath();
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThat(CliRun.of("--out", out.toString(), "--n-orders", "300", "--start", START, "--span-days", "10").exitCode(), equalTo(0));
    assertThat(list(out.resolve("events_by_event_date")), hasItem("2026-01-09.ndjson"));
    CliRun rerun = CliRun.of("--out", out.toString(), "--n-orders", "300", "--start", START, "--span-days", "2");
    assertThat(rerun.stderr(), rerun.exitCode(), equalTo(0));
    assertThat(list(out.resolve("events_by_event_date")), not(hasItem("2026-01-09.ndjson")));
    assertThat(Files.readString(out.resolve("notes.txt")), equalTo("mine"));
    assertThat(
        list(out), equalTo(List.of("events.ndjson", "events_by_event_date", "events_by_ingest_date", "expected", "notes.txt", "stats.json")));
    assertThat(JSON.readTree(out.resolve("stats.json").toFile()).get("config").get("span_days").asInt(), equalTo(2));
  }

  @Test
  public void aSliceIsExactlyThoseOrdersOfTheBiggerRun() throws Exception {
    Path big = tmp.newFolder().toPath();
    Path slice = tmp.newFolder().toPath();
    assertThat(CliRun.of("--out", big.toString(), "--n-orders", "3000", "--start", START).exitCode(), equalTo(0));
    CliRun run =
        CliRun.of("--out", slice.toString(), "--first-order", "1000", "--n-orders", "1000", "--start", START);
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    Pattern orderId = Pattern.compile("\"order_id\":\"O-(\\d+)\"");
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(big.resolve("events.ndjson"))) {
      Matcher m = orderId.matcher(line);
      assertThat(m.find(), equalTo(true));
      long index = Long.parseLong(m.group(1)) - 1;
      if (index >= 1000 && index < 2000) {
        expected.add(line);
      }
    }
    assertThat(Files.readAllLines(slice.resolve("events.ndjson")), equalTo(expected));
    JsonNode stats = JSON.readTree(slice.resolve("stats.json").toFile());
    assertThat(stats.get("n_orders").asLong(), equalTo(1000L));
    assertThat(stats.get("config").get("first_order").asLong(), equalTo(1000L));
  }

  @Test
  public void theAnswerKeyIsWhatACorrectConsumerComputesFromTheEventsAndDuplicatesDoNotChangeIt()
      throws Exception {
    Path plain = tmp.newFolder().toPath();
    Path duplicated = tmp.newFolder().toPath();
    String[] flags = {"--n-orders", "3000", "--start", START, "--span-days", "4", "--late-rate", "0.2"};
    CliRun run = CliRun.of(concat(new String[] {"--out", plain.toString()}, flags));
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    run = CliRun.of(concat(new String[] {"--out", duplicated.toString(), "--duplicate-rate", "0.15"}, flags));
    assertThat(run.stderr(), run.exitCode(), equalTo(0));

    Map<String, Object> key = AnswerKeyFromEvents.read(plain);
    assertThat(key.keySet(), equalTo(Set.of("by_event_date.json", "by_ingest_date.json", "totals.json")));
    assertThat(key, equalTo(AnswerKeyFromEvents.of(plain.resolve("events.ndjson"))));
    assertThat(AnswerKeyFromEvents.of(duplicated.resolve("events.ndjson")), equalTo(key));
    Map<String, String> plainFiles = CliRun.digests(plain);
    Map<String, String> duplicatedFiles = CliRun.digests(duplicated);
    for (String f : key.keySet()) {
      assertThat(f, duplicatedFiles.get("expected/" + f), equalTo(plainFiles.get("expected/" + f)));
    }
    assertThat(duplicatedFiles.get("events.ndjson"), not(equalTo(plainFiles.get("events.ndjson"))));
    JsonNode totals = JSON.readTree(plain.resolve("expected/totals.json").toFile());
    for (String f : List.of("orders_cancelled", "orders_shipped", "orders_corrected", "late_events_received", "out_of_order_orders")) {
      assertThat(f, totals.get(f).asLong() > 0, equalTo(true));
    }
    assertThat(totals.get("orders_created").asLong(), equalTo(3000L));
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  public void zeroOrdersIsAValidEmptyRun() throws Exception {
    Path out = tmp.newFolder().toPath();
    CliRun run = CliRun.of("--out", out.toString(), "--n-orders", "0");
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    assertThat(Files.size(out.resolve("events.ndjson")), equalTo(0L));
    JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
    assertThat(stats.get("n_events").asLong(), equalTo(0L));
    assertThat(stats.get("event_types").get("order_shipped").asLong(), equalTo(0L));
    assertThat(stats.get("late_rate_observed").asDouble(), equalTo(0.0));
    assertThat(list(out), equalTo(List.of("events.ndjson", "expected", "stats.json")));
  }

  @Test
  public void withoutStartTheRunBeginsAtUtcMidnightSpanDaysAgoAndRecordsIt() throws Exception {
    Path out = tmp.newFolder().toPath();
    assertThat(CliRun.of("--out", out.toString(), "--n-orders", "10", "--span-days", "14").exitCode(), equalTo(0));
    JsonNode stats = JSON.readTree(out.resolve("stats.json").toFile());
    assertThat(stats.get("start").asText(), equalTo("2026-11-12T00:00:00.000000Z"));
    assertThat(stats.get("config").get("start").asText(), equalTo("2026-11-12T00:00:00.000000Z"));
  }

  @Test
  public void badInputIsRejectedWithExitTwoAOneLineMessageAndNothingWritten() throws Exception {
    File aFile = tmp.newFile("a-file");
    Files.writeString(aFile.toPath(), "keep");
    String[][] cases = {
      {"--late-rate", "1.5", "--late-rate must be a number within [0, 1], got '1.5'"},
      {"--late-rate", "NaN", "--late-rate must be a number within [0, 1]"},
      {"--v2-rate", "-0.1", "--v2-rate must be a number within [0, 1]"},
      {"--cancel-rate", "x", "--cancel-rate must be a number within [0, 1], got 'x'"},
      {"--ship-rate", "2", "--ship-rate"},
      {"--correction-rate", "1.01", "--correction-rate"},
      {"--out-of-order-rate", "-1", "--out-of-order-rate"},
      {"--duplicate-rate", "1.5", "--duplicate-rate must be a number within [0, 1], got '1.5'"},
      {"--n-orders", "-1", "--n-orders must be an integer from 0 to 10^15, got '-1'"},
      {"--n-orders", "1.5", "--n-orders must be an integer from 0 to 10^15, got '1.5'"},
      {"--n-orders", "5k", "--n-orders must be an integer from 0 to 10^15"},
      {"--n-orders", "9223372036854775807", "--n-orders must be an integer from 0 to 10^15, got '9223372036854775807'"},
      {"--n-orders", "99999999999999999999", "--n-orders must be an integer from 0 to 10^15, got '99999999999999999999'"},
      {"--first-order", "-1", "--first-order must be an integer from 0 to 10^15"},
      {"--first-order", "999999999999999", "--first-order must be an integer from 0 to 10^15 (with --n-orders: their sum at most 10^15), got '999999999999999'"},
      {"--late-rate", "0.5f", "--late-rate must be a number within [0, 1], got '0.5f'"},
      {"--late-rate", "0x1p-1", "--late-rate must be a number within [0, 1], got '0x1p-1'"},
      {"--late-rate", "1e-1e", "--late-rate must be a number within [0, 1], got '1e-1e'"},
      {"--runner=DirectRunner", "--runner=DirectRunner", "--runner is given more than once"},
      {"--span-days", "36500", "--span-days 36500 without --start would start before 1970 (today minus 36500 days): give --start, or at most 20783 days"},
      {"--start", "9999-12-25", "lets events arrive past the year 9999 (timestamps have four-digit years): choose an earlier --start or fewer days"},
      {"--ordersPerBlock", "0", "--ordersPerBlock must be an integer from 1 to 1000000, got '0'"},
      {"--maxGroupEvents", "10", "--maxGroupEvents must be an integer from 1000 to 2000000, got '10'"},
      {"--seed", "forty-two", "--seed must be an integer"},
      {"--span-days", "0", "--span-days must be an integer from 1 to 36500, got '0'"},
      {"--tenant-count", "0", "--tenant-count must be an integer >= 1"},
      {"--user-count", "-3", "--user-count must be an integer >= 1"},
      {"--max-late-days", "0", "--max-late-days must be an integer from 1 to 36500 (0 only with --late-rate 0), got '0'"},
      {"--max-late-days", "40000", "--max-late-days must be an integer from 1 to 36500 (0 only with --late-rate 0), got '40000'"},
      {"--max-event-gap-minutes", "9", "--max-event-gap-minutes must be an integer >= 10"},
      {"--start", "yesterday", "--start must be an ISO-8601 UTC time such as 2026-01-01T00:00:00Z"},
      {"--start", "1969-12-31T00:00:00Z", "--start must be"},
      {"--frobnicate", "3", "unknown flag --frobnicate"},
      {"--kafka-bootstrap", "localhost", "--kafka-bootstrap must be HOST:PORT[,HOST:PORT...] (ports from 1 to 65535), got 'localhost'"},
      {"--kafka-topic", "no spaces", "--kafka-topic must be a Kafka topic name"},
      {"--kafka-partitions", "0", "--kafka-partitions must be an integer from 1 to 10000, got '0'"},
      {"--kafka-timeout-seconds", "-5", "--kafka-timeout-seconds must be an integer from 1 to 3600"},
      {"--no-files", "", "--no-files needs --kafka-bootstrap"},
      {"--format", "csv", "--format must be ndjson or parquet, got 'csv'"},
      {"--format", "Parquet", "--format must be ndjson or parquet, got 'Parquet'"},
      {"--compression", "lz4", "--compression must be none, gzip or zstd (with --format ndjson), got 'lz4'"},
      {"--no-files", "maybe", "unexpected argument 'maybe'"},
      {"--seed", "1", "--seed is given more than once"},
      {"stray", "", "unexpected argument 'stray'"},
      {"--runner=NoSuchRunner", "", "NoSuchRunner"},
    };
    for (String[] c : cases) {
      Path out = tmp.getRoot().toPath().resolve("never-" + Math.abs(c[0].hashCode()) + c[1].length());
      List<String> args = new java.util.ArrayList<>(List.of("--out", out.toString(), "--seed", "5"));
      if (c[0].equals("--seed")) {
        args = new java.util.ArrayList<>(List.of("--out", out.toString()));
        if (c[1].equals("1")) {
          args.addAll(List.of("--seed", "2"));
        }
      }
      args.add(c[0]);
      if (!c[1].isEmpty()) {
        args.add(c[1]);
      }
      CliRun run = CliRun.of(args.toArray(new String[0]));
      String what = String.join(" ", args);
      assertThat(what, run.exitCode(), equalTo(2));
      assertThat(what, run.stderr(), containsString(c[2]));
      assertThat(what, run.stderr().strip().lines().count(), equalTo(1L));
      assertThat(what, Files.exists(out), equalTo(false));
    }

    CliRun missingOut = CliRun.of("--n-orders", "5");
    assertThat(missingOut.exitCode(), equalTo(2));
    assertThat(missingOut.stderr(), containsString("--out is required"));

    CliRun outIsAFile = CliRun.of("--out", aFile.toString());
    assertThat(outIsAFile.exitCode(), equalTo(2));
    assertThat(outIsAFile.stderr(), containsString("--out '" + aFile + "' is a file, not a folder"));
    assertThat(Files.readString(aFile.toPath()), equalTo("keep"));

    CliRun unwritable = CliRun.of("--out", "/proc/event-sim-cannot-write-here");
    assertThat(unwritable.exitCode(), equalTo(2));
    assertThat(unwritable.stderr(), containsString("--out '/proc/event-sim-cannot-write-here' cannot be created"));
  }

  /**
   * The inputs that used to escape: each is refused with exit 2 and one line that names the flag
   * or location and what it accepts, and nothing is created.
   */
  @Test
  public void inputsThatUsedToEscapeAreRefusedNamingTheFlag() throws Exception {
    Path never = tmp.getRoot().toPath().resolve("never");
    String n = never.toString();
    String[][] cases = {
      {"--out 'X[1]': a folder name may not hold * ? [ ] { }", "--out", n + "[1]"},
      {"--out 'X{a,b}': a folder name may not hold", "--out", n + "{a,b}"},
      {"--out 'hdfs:///x': name the NameNode: hdfs://HOST:PORT/path", "--out", "hdfs:///x"},
      {"--out 'hdfs://nn:99999/x': the NameNode's port must be from 1 to 65535", "--out", "hdfs://nn:99999/x"},
      {"--out 's3://': name a bucket: s3://BUCKET/prefix", "--out", "s3://"},
      {"--out 's3:///x': name a bucket", "--out", "s3:///x"},
      {"--out 'gs://some-bucket/x': event-sim does not write to gs:// (it writes to a local folder,"
          + " hdfs://HOST:PORT/path or s3://bucket/prefix)", "--out", "gs://some-bucket/x"},
      {"--out 'file:relative': a file: URI names an absolute path on this host", "--out", "file:relative"},
      {"--kafka-topic applies to --kafka-bootstrap only", "--out", n, "--kafka-topic", "foo"},
      {"--kafka-partitions applies to --kafka-bootstrap only", "--out", n, "--kafka-partitions", "3"},
      {"--s3-endpoint applies to s3:// output only: --out X is not on S3", "--out", n, "--s3-endpoint", "http://127.0.0.1:9000"},
      {"--kafka-bootstrap must be HOST:PORT[,HOST:PORT...] (ports from 1 to 65535), got 'localhost:99999'",
          "--out", n, "--kafka-bootstrap", "localhost:99999"},
      {"--kafka-topic must be a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'", "--out", n,
          "--kafka-topic", "t".repeat(300), "--kafka-bootstrap", "127.0.0.1:9092"},
      {"--targetParallelism must be an integer (32-bit), got 'abc'", "--out", n, "--targetParallelism=abc"},
      {"--targetParallelism must be an integer (32-bit), got '1e3'", "--out", n, "--targetParallelism=1e3"},
      {"--targetParallelism must be an integer (32-bit), got '2147483648'", "--out", n, "--targetParallelism=2147483648"},
      {"--blockOnRun must be true or false, got 'yes'", "--out", n, "--blockOnRun=yes"},
      {"--runner=Bogus: not a runner of this jar, which carries the DirectRunner; event-sim runs on the"
          + " DirectRunner (event-sim-direct.jar) and the FlinkRunner (event-sim-flink.jar)", "--out", n, "--runner=Bogus"},
      {"--parallelism is an option of the FlinkRunner, which this jar does not carry", "--out", n, "--parallelism=2"},
      {"--n-orders 1000000000000000 over --span-days 14 makes about 232,100,000,000,000 events a day, more"
          + " than event-sim sorts in a day", "--out", n, "--n-orders", "1000000000000000", "--start", START},
      {"--maxGroupEvents 1000 is too small for about", "--out", n, "--orders-per-day", "100000000000",
          "--start", START, "--maxGroupEvents", "1000"},
      {"--start must be an ISO-8601 UTC time such as 2026-01-01T00:00:00Z, from 1970-01-01 to 9999-12-31,"
          + " got '1969-12-31'", "--out", n, "--start", "1969-12-31"},
    };
    for (String[] c : cases) {
      String[] args = Arrays.copyOfRange(c, 1, c.length);
      CliRun run = CliRun.of(args);
      String what = String.join(" ", args);
      assertThat(what, run.exitCode(), equalTo(2));
      assertThat(what, run.stderr().strip().lines().count(), equalTo(1L));
      assertThat(what, run.stderr().replace(n, "X"), containsString(c[0]));
      assertThat(what, Files.exists(never), equalTo(false));
      try (Stream<Path> left = Files.list(tmp.getRoot().toPath())) {
        assertThat(what, left.filter(p -> p.getFileName().toString().startsWith("never")).toList(), empty());
      }
    }
    CliRun live =
        CliRun.of("--live", "--kafka-bootstrap", "127.0.0.1:9092", "--orders-per-day", "10", "--start", START,
            "--s3-endpoint", "http://127.0.0.1:9000");
    assertThat(live.exitCode(), equalTo(2));
    assertThat(live.stderr().strip(), equalTo(
        "event-sim: --live cannot be combined with --s3-endpoint: a live run publishes to Kafka and writes no files"));
  }

  /** {@code --out file:///abs/path} is the local folder /abs/path, not a folder named "file:" here. */
  @Test
  public void aFileUriIsTheLocalFolderItNames() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("by-uri");
    String uri = out.toUri().toString();
    CliRun run = CliRun.of("--out", uri, "--n-orders", "10", "--start", START);
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(true));
    assertThat(Files.exists(Path.of("file:")), equalTo(false));
    assertThat(JSON.readTree(run.stdout().strip().lines().reduce((a, b) -> b).orElseThrow()).get("out_dir").asText(),
        equalTo(uri));
  }

  /**
   * Without lateness an event still arrives up to a minute after it happens, and an out-of-order
   * re-delivery comes up to 600 s after a later event (at most 4 gaps after creation): so with
   * --late-rate 0 no event arrives as much as a day late, whatever the seed, and stats.json counts
   * exactly the lines that cross midnight.
   */
  @Test
  public void compressionIsForNdjsonOnly() {
    for (String compression : List.of("gzip", "none")) {
      Path out = tmp.getRoot().toPath().resolve("parquet-" + compression);
      CliRun run = CliRun.of("--out", out.toString(), "--format", "parquet", "--compression", compression);
      assertThat(run.exitCode(), equalTo(2));
      assertThat(
          run.stderr().strip(),
          equalTo(
              "event-sim: --compression applies to --format ndjson only: Parquet files compress their"
                  + " pages with ZSTD themselves; drop --compression " + compression));
      assertThat(Files.exists(out), equalTo(false));
    }
  }

  @Test
  public void lateRateZeroAllowsMaxLateDaysZeroAndNoEventArrivesDaysLate() throws Exception {
    long bound = (4 * 120 * 60 + 60 + 600) * 1_000_000L;
    for (String seed : List.of("1", "2", "4", "6", "42")) {
      Path out = tmp.newFolder().toPath();
      CliRun run =
          CliRun.of("--out", out.toString(), "--n-orders", "400", "--seed", seed, "--start", START,
              "--late-rate", "0", "--max-late-days", "0");
      assertThat(run.stderr(), run.exitCode(), equalTo(0));
      long crossingMidnight = 0;
      for (String line : Files.readAllLines(out.resolve("events.ndjson"))) {
        JsonNode e = JSON.readTree(line);
        Instant happened = Instant.parse(e.get("event_time").asText());
        Instant arrived = Instant.parse(e.get("ingest_time").asText());
        long delay = (arrived.getEpochSecond() - happened.getEpochSecond()) * 1_000_000L
            + (arrived.getNano() - happened.getNano()) / 1000;
        assertThat("seed " + seed + ": " + line, delay <= bound, equalTo(true));
        crossingMidnight +=
            e.get("ingest_time").asText().substring(0, 10).compareTo(e.get("event_time").asText().substring(0, 10)) > 0 ? 1 : 0;
      }
      assertThat(JSON.readTree(out.resolve("stats.json").toFile()).get("late_events_estimate").asLong(),
          equalTo(crossingMidnight));
    }
  }

  @Test
  public void helpListsEveryFlagWithItsDefaultInLinesOfAtMost100Characters() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode(), equalTo(0));
    String words = help.stdout().replaceAll("\\s+", " ");
    for (Flags.Spec f : Flags.all()) {
      assertThat(help.stdout(), containsString("  --" + f.name() + " "));
      assertThat(words, containsString(f.description().replaceAll("\\s+", " ")));
      if (f.defaultValue() != null) {
        assertThat(words, containsString("(default: " + f.defaultValue() + ")"));
      }
    }
    assertThat(help.stdout(), containsString("--ordersPerBlock"));
    assertThat(help.stdout(), containsString("--maxGroupEvents"));
    help.stdout().lines().forEach(line -> assertThat(line, line.length() <= 100, equalTo(true)));
    assertThat(help.stdout(), containsString("--runner=FlinkRunner"));
    assertThat(CliRun.of("--help=DirectOptions").stdout(), containsString("targetParallelism"));
  }

  private Map<String, String> runDigests(String[] common, String... extra) throws Exception {
    Path out = tmp.newFolder().toPath();
    List<String> args = new java.util.ArrayList<>(List.of("--out", out.toString()));
    args.addAll(List.of(common));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertThat(run.stderr(), run.exitCode(), equalTo(0));
    Map<String, String> d = CliRun.digests(out);
    assertThat(d.keySet(), not(empty()));
    return d;
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

}
