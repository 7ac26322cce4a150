package org.eventsim.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.json.EventJson;
import org.eventsim.model.Event;
import org.eventsim.model.Timestamps;
import org.eventsim.testing.AnswerKeyFromEvents;
import org.eventsim.testing.ReferenceModel;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The continuous daily model and its increments, run through the command on the DirectRunner. */
public class DailyIncrementsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START = "2026-01-01T00:00:00Z";
  private static final String[] MODEL = {
    "--orders-per-day", "150", "--start", START, "--seed", "11", "--late-rate", "0.2",
    "--duplicate-rate", "0.05"
  };
  private static final List<String> DAYS = List.of("2026-01-05", "2026-01-06", "2026-01-07");

  /**
   * A folder holds one model. An increment over a complete batch run replaces all of it (its
   * event-date folder and its other days' files are another model's), so that stats.json describes
   * the folder; an increment of another model over a folder of increments is refused, naming the
   * flags that differ, and changes nothing.
   */
  @Test
  public void anIncrementReplacesABatchRunAndRefusesAnotherModelsDays() throws Exception {
    Path folder = tmp.newFolder("mixed").toPath();
    CliRun batch = CliRun.of("--out", folder.toString(), "--n-orders", "100", "--seed", "7", "--start", START);
    assertThat(batch.stderr(), batch.exitCode(), equalTo(0));
    assertThat(runIn(folder, "--ingest-date", "2026-01-06").exitCode(), equalTo(0));
    assertThat(list(folder), equalTo(List.of("events.ndjson", "events_by_ingest_date", "expected", "stats.json")));
    assertThat(list(folder.resolve("events_by_ingest_date")), equalTo(List.of("2026-01-06.ndjson")));

    Map<String, String> before = CliRun.digests(folder);
    List<String> other = new ArrayList<>(List.of("--out", folder.toString()));
    other.addAll(List.of(MODEL));
    other.set(other.indexOf("--seed") + 1, "12");
    other.addAll(List.of("--ingest-date", "2026-01-07"));
    CliRun refused = CliRun.of(other.toArray(new String[0]));
    assertThat(refused.exitCode(), equalTo(2));
    assertThat(
        refused.stderr().strip(),
        equalTo("event-sim: --out " + folder + " holds daily increments of another model (--seed 11 there,"
            + " 12 here): a folder of increments holds the days of one model; give that model's flags, or"
            + " another --out"));
    assertThat(CliRun.digests(folder), equalTo(before));
  }

  @Test
  public void dayByDayGivesTheRangesFilesAndEveryDayHoldsExactlyTheEventsArrivingThatDay()
      throws Exception {
    Path range = run("--ingest-dates", "2026-01-05..2026-01-07");
    Path landing = tmp.newFolder("landing").toPath();
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    for (String day : DAYS) {
      Path alone = run("--ingest-date", day);
      String file = "events_by_ingest_date/" + day + ".ndjson";
      assertThat(file, bytes(alone.resolve(file)), equalTo(bytes(range.resolve(file))));
      assertThat(bytes(alone.resolve("events.ndjson")), equalTo(bytes(alone.resolve(file))));
      concatenated.write(bytes(alone.resolve("events.ndjson")));
      assertThat(AnswerKeyFromEvents.read(alone), equalTo(AnswerKeyFromEvents.of(alone.resolve("events.ndjson"))));
      // a scheduler pointing every day at one folder collects the days
      assertThat(runIn(landing, "--ingest-date", day).exitCode(), equalTo(0));
    }
    assertThat(bytes(range.resolve("events.ndjson")), equalTo(concatenated.toByteArray()));
    assertThat(list(range.resolve("events_by_ingest_date")), equalTo(names(DAYS)));
    assertThat(list(landing.resolve("events_by_ingest_date")), equalTo(names(DAYS)));
    for (String day : DAYS) {
      String file = "events_by_ingest_date/" + day + ".ndjson";
      assertThat(bytes(landing.resolve(file)), equalTo(bytes(range.resolve(file))));
    }
    assertThat(Files.exists(range.resolve("events_by_event_date")), equalTo(false));

    // exactly the events of the endless model that arrive on those days
    GeneratorConfig model =
        GeneratorConfig.builder()
            .ordersPerDay(150)
            .start(Instant.parse(START))
            .seed(11)
            .lateRate(0.2)
            .duplicateRate(0.05)
            .numOrders(150 * 8)
            .build();
    int first = Timestamps.epochDay(model.startMicros()) + 4;
    List<Event> arriving = new ArrayList<>();
    for (Event e : ReferenceModel.of(model).events()) {
      int day = Timestamps.epochDay(e.ingestTimeMicros());
      if (day >= first && day <= first + 2) {
        arriving.add(e);
      }
    }
    StringBuilder expected = new StringBuilder();
    arriving.forEach(e -> expected.append(EventJson.toLine(e)).append('\n'));
    assertThat(Files.readString(range.resolve("events.ndjson")), equalTo(expected.toString()));
    long late = arriving.stream().filter(e -> Timestamps.epochDay(e.eventTimeMicros()) < first).count();
    assertThat("late events of orders created before the first day", late, greaterThan(0L));

    JsonNode stats = JSON.readTree(range.resolve("stats.json").toFile());
    assertThat(stats.get("n_events").asLong(), equalTo((long) arriving.size()));
    assertThat(stats.get("config").get("ingest_dates").asText(), equalTo("2026-01-05..2026-01-07"));
    assertThat(stats.get("config").get("orders_per_day").asLong(), equalTo(150L));
  }

  @Test
  public void aRerunOfADayRewritesIdenticalBytesAndLeavesTheOtherDaysAlone() throws Exception {
    Path landing = tmp.newFolder().toPath();
    assertThat(runIn(landing, "--ingest-date", "2026-01-05").exitCode(), equalTo(0));
    assertThat(runIn(landing, "--ingest-date", "2026-01-06").exitCode(), equalTo(0));
    Map<String, String> before = CliRun.digests(landing);
    CliRun rerun = runIn(landing, "--ingest-date", "2026-01-06");
    assertThat(rerun.exitCode(), equalTo(0));
    assertThat(CliRun.digests(landing), equalTo(before));
    // the summary counts what this run wrote: events.ndjson, stats.json, expected/ (3), its day
    String[] stdout = rerun.stdout().strip().split("\n");
    assertThat(JSON.readTree(stdout[stdout.length - 1]).get("files").asLong(), equalTo(6L));
  }

  @Test
  public void aDayBeforeTheFirstOrderIsAnEmptyFileNotAMissingOne() throws Exception {
    Path out = run("--ingest-date", "2025-12-30");
    assertThat(Files.size(out.resolve("events_by_ingest_date/2025-12-30.ndjson")), equalTo(0L));
    assertThat(JSON.readTree(out.resolve("stats.json").toFile()).get("n_events").asLong(), equalTo(0L));
  }

  @Test
  public void withoutIngestDatesTheDailyModelGeneratesTheOrdersAsked() throws Exception {
    Path out = tmp.newFolder().toPath();
    CliRun r = CliRun.of("--out", out.toString(), "--orders-per-day", "100", "--start", START, "--n-orders", "300");
    assertThat(r.stderr(), r.exitCode(), equalTo(0));
    // orders 0..299 are created on the first three days
    assertThat(list(out.resolve("events_by_event_date")).get(0), equalTo("2026-01-01.ndjson"));
    JsonNode byDate = JSON.readTree(out.resolve("expected/by_event_date.json").toFile());
    for (String day : List.of("2026-01-01", "2026-01-02", "2026-01-03")) {
      assertThat(day, byDate.get(day).get("orders_created").asLong(), equalTo(100L));
    }
  }

  @Test
  public void badCombinationsAreUsageErrorsNamingTheFlags() throws Exception {
    String out = tmp.newFolder().toString();
    String[][] cases = {
      {"--ingest-date needs --orders-per-day", "--out", out, "--start", START, "--ingest-date", "2026-01-05"},
      {"--orders-per-day needs --start", "--out", out, "--orders-per-day", "10"},
      {"--span-days cannot be combined with --orders-per-day", "--out", out, "--orders-per-day", "10", "--start", START, "--span-days", "3"},
      {"--ingest-dates must be a range of dates", "--out", out, "--orders-per-day", "10", "--start", START, "--ingest-dates", "2026-01-07..2026-01-05"},
      {"--ingest-dates must be a range of dates", "--out", out, "--orders-per-day", "10", "--start", START, "--ingest-dates", "2026-01-07"},
      {"--ingest-date must be a date YYYY-MM-DD, got '2026-13-01'", "--out", out, "--orders-per-day", "10", "--start", START, "--ingest-date", "2026-13-01"},
      {"--n-orders cannot be combined with --ingest-date", "--out", out, "--orders-per-day", "10", "--start", START, "--ingest-date", "2026-01-05", "--n-orders", "5"},
      {"--ingest-date and --ingest-dates cannot be combined", "--out", out, "--orders-per-day", "10", "--start", START, "--ingest-date", "2026-01-05", "--ingest-dates", "2026-01-05..2026-01-06"},
      {"--orders-per-day must be an integer from 1 to 10^12 (0: off), got '-3'", "--out", out, "--orders-per-day", "-3", "--start", START},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.of(Arrays.copyOfRange(c, 1, c.length));
      assertThat(String.join(" ", c), r.exitCode(), equalTo(2));
      assertThat(r.stderr(), containsString(c[0]));
      assertThat(list(Path.of(out)), equalTo(List.of()));
    }
  }

  private Path run(String... increment) throws Exception {
    Path out = tmp.newFolder().toPath();
    CliRun r = runIn(out, increment);
    assertThat(r.stderr(), r.exitCode(), equalTo(0));
    return out;
  }

  private static CliRun runIn(Path out, String... increment) {
    List<String> args = new ArrayList<>(List.of("--out", out.toString()));
    args.addAll(List.of(MODEL));
    args.addAll(List.of(increment));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static byte[] bytes(Path p) throws Exception {
    return Files.readAllBytes(p);
  }

  private static List<String> names(List<String> days) {
    return days.stream().map(d -> d + ".ndjson").toList();
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
