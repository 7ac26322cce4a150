package org.eventsim.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.eventsim.cli.CliRunner;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The same run in every format holds the same events: Parquet files read back with parquet-avro's
 * own reader hold, file by file, the NDJSON run's events in the same order with every field's value
 * (times to the microsecond, money to the cent); gzip and zstd files decompressed by the {@code
 * gzip} and {@code zstd} commands are the NDJSON run's bytes. Days are cut into several sorted
 * parts ({@code --maxGroupEvents 1000}), so every file but the smallest is joined from pieces.
 */
public class EventFileFormatsTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String[] FLAGS = {
    "--n-orders", "2500", "--seed", "11", "--start", "2026-03-01T00:00:00Z", "--span-days", "2",
    "--late-rate", "0.1", "--duplicate-rate", "0.03", "--v2-rate", "0.5", "--correction-rate", "0.2",
    "--maxGroupEvents", "1000"
  };

  private static Path ndjson;
  private static Path parquet;
  private static Path gzip;
  private static Path zstd;

  @BeforeClass
  public static void runEveryFormat() throws IOException {
    ndjson = run("ndjson");
    parquet = run("parquet", "--format", "parquet");
    gzip = run("gzip", "--compression", "gzip");
    zstd = run("zstd", "--format", "ndjson", "--compression", "zstd");
  }

  private static Path run(String name, String... extra) throws IOException {
    Path out = TMP.newFolder(name).toPath();
    assertThat(name, CliRunner.run(withOut(out, FLAGS, extra)), equalTo(0));
    return out;
  }

  @Test
  public void parquetFilesHoldTheNdjsonEventsFieldByField() throws IOException {
    assertThat("date files", eventFiles(ndjson, ".ndjson").size(), greaterThan(6));
    assertThat(assertSameEvents(ndjson, parquet), greaterThan(20_000L));
  }

  @Test
  public void parquetColumnsAreTypedAndZstdCompressed() throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet.resolve("events.parquet")))) {
      ParquetMetadata footer = reader.getFooter();
      String schema = footer.getFileMetaData().getSchema().toString();
      assertThat(schema, containsString("required int64 event_time (TIMESTAMP(MICROS,true))"));
      assertThat(schema, containsString("required int64 ingest_time (TIMESTAMP(MICROS,true))"));
      assertThat(schema, containsString("optional binary amount (DECIMAL(9,2))"));
      assertThat(schema, containsString("required binary event_id (STRING)"));
      assertThat(footer.getBlocks(), not(empty()));
      for (BlockMetaData block : footer.getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          assertThat(column.getPath().toString(), column.getCodec(), equalTo(CompressionCodecName.ZSTD));
        }
      }
    }
  }

  /**
   * parquet-mr lists encodings in a hash set's order, which changes from one JVM to the next;
   * every footer lists them sorted, so the bytes are the same in every JVM.
   */
  @Test
  public void everyFooterListsEncodingsInCanonicalOrder() throws IOException {
    int chunks = 0;
    for (Path f : eventFiles(parquet, ".parquet").values()) {
      byte[] bytes = Files.readAllBytes(f);
      int n = bytes.length;
      int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      FileMetaData footer = Util.readFileMetaData(new java.io.ByteArrayInputStream(bytes, n - 8 - footerLength, footerLength));
      for (RowGroup group : footer.getRow_groups()) {
        for (ColumnChunk chunk : group.getColumns()) {
          List<Integer> codes = chunk.getMeta_data().getEncodings().stream().map(Encoding::getValue).toList();
          assertThat(f + " " + chunk.getMeta_data().getPath_in_schema(), codes, equalTo(codes.stream().sorted().toList()));
          chunks += codes.size() > 1 ? 1 : 0;
        }
      }
    }
    assertThat("column chunks with several encodings", chunks, greaterThan(100));
  }

  @Test
  public void compressedFilesDecompressToTheNdjsonBytes() throws Exception {
    Map<String, Path> text = eventFiles(ndjson, ".ndjson");
    Map<String, Path> gz = eventFiles(gzip, ".ndjson.gz");
    Map<String, Path> zst = eventFiles(zstd, ".ndjson.zst");
    assertThat(gz.keySet(), equalTo(text.keySet()));
    assertThat(zst.keySet(), equalTo(text.keySet()));
    for (String file : text.keySet()) {
      byte[] expected = Files.readAllBytes(text.get(file));
      assertThat(file + ".gz", decompress("gzip", gz.get(file)), equalTo(expected));
      assertThat(file + ".zst", decompress("zstd", zst.get(file)), equalTo(expected));
    }
  }

  @Test
  public void theAnswerKeyIsTheSameInEveryFormat() throws IOException {
    for (Path run : List.of(parquet, gzip, zstd)) {
      try (Stream<Path> files = Files.list(ndjson.resolve("expected"))) {
        for (Path f : files.toList()) {
          assertThat(run + " " + f.getFileName(), Files.readAllBytes(run.resolve("expected").resolve(f.getFileName())),
              equalTo(Files.readAllBytes(f)));
        }
      }
    }
    JsonNode stats = JSON.readTree(parquet.resolve("stats.json").toFile());
    assertThat(stats.get("config").get("format").asText(), equalTo("parquet"));
    assertThat(stats.get("config").get("compression").asText(), equalTo("none"));
    assertThat(JSON.readTree(zstd.resolve("stats.json").toFile()).get("config").get("compression").asText(), equalTo("zstd"));
  }

  @Test
  public void filesWithoutEventsAreValidInEveryFormat() throws Exception {
    Path empty = TMP.newFolder("empty").toPath();
    Path parquetFile = Files.write(empty.resolve("e.parquet"), FileFormat.PARQUET.emptyFile());
    assertThat(read(parquetFile), empty());
    Path gz = Files.write(empty.resolve("e.ndjson.gz"), FileFormat.NDJSON_GZIP.emptyFile());
    assertThat(decompress("gzip", gz).length, equalTo(0));
    Path zst = Files.write(empty.resolve("e.ndjson.zst"), FileFormat.NDJSON_ZSTD.emptyFile());
    assertThat(decompress("zstd", zst).length, equalTo(0));
  }

  /**
   * A daily increment in Parquet holds the NDJSON increment's events, field by field, and a day
   * without arrivals is a valid Parquet file with no rows (as it is an empty NDJSON file).
   */
  @Test
  public void incrementsInParquetHoldTheNdjsonIncrementsEvents() throws IOException {
    String[] model = {"--orders-per-day", "300", "--start", "2026-01-01T00:00:00Z", "--seed", "5", "--late-rate", "0.2",
      "--ingest-dates", "2025-12-31..2026-01-04"};
    Path text = TMP.newFolder("increment-ndjson").toPath();
    Path columns = TMP.newFolder("increment-parquet").toPath();
    assertThat(CliRunner.run(withOut(text, model)), equalTo(0));
    assertThat(CliRunner.run(withOut(columns, model, "--format", "parquet")), equalTo(0));
    assertThat(assertSameEvents(text, columns), greaterThan(1000L));
    assertThat(read(columns.resolve("events_by_ingest_date/2025-12-31.parquet")), empty());
  }

  /** A run in one format replaces the previous run's files in another: no stale file survives. */
  @Test
  public void aRunInOneFormatReplacesAnotherFormatsFiles() throws IOException {
    Path out = TMP.newFolder("replaced").toPath();
    String[] small = {"--n-orders", "300", "--seed", "3", "--start", "2026-01-01T00:00:00Z"};
    assertThat(CliRunner.run(withOut(out, small, "--compression", "gzip")), equalTo(0));
    assertThat(CliRunner.run(withOut(out, small, "--format", "parquet")), equalTo(0));
    try (Stream<Path> all = Files.walk(out)) {
      List<String> stale = all.map(Path::toString).filter(f -> f.contains(".ndjson")).toList();
      assertThat(stale, empty());
    }
    assertThat(eventFiles(out, ".parquet").size(), greaterThan(3));
  }

  private static String[] withOut(Path out, String[] flags, String... extra) {
    List<String> args = new ArrayList<>(List.of("--out", out.toString()));
    args.addAll(List.of(flags));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /**
   * Asserts that the Parquet run {@code columns} has the files of the NDJSON run {@code text}, each
   * holding its events in order with every value; returns the number of events compared.
   */
  private static long assertSameEvents(Path text, Path columns) throws IOException {
    Map<String, Path> lines = eventFiles(text, ".ndjson");
    Map<String, Path> rows = eventFiles(columns, ".parquet");
    assertThat(rows.keySet(), equalTo(lines.keySet()));
    long compared = 0;
    for (String file : lines.keySet()) {
      List<String> expected = Files.readAllLines(lines.get(file), StandardCharsets.UTF_8);
      List<GenericRecord> actual = read(rows.get(file));
      assertThat(file, actual, hasSize(expected.size()));
      for (int i = 0; i < expected.size(); i++) {
        assertSameEvent(file + " #" + i, JSON.readTree(expected.get(i)), actual.get(i));
        compared++;
      }
    }
    return compared;
  }

  /** The events file and the date files of a run, by name without extension. */
  private static Map<String, Path> eventFiles(Path run, String extension) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(run)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String relative = run.relativize(f).toString();
        if (relative.endsWith(extension) && !relative.startsWith(".")) {
          files.put(relative.substring(0, relative.length() - extension.length()), f);
        }
      }
    }
    assertThat(run + " has events." + extension, files.containsKey("events"), equalTo(true));
    return files;
  }

  private static List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
            .withDataModel(GenericData.get())
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
    }
    return records;
  }

  private static byte[] decompress(String tool, Path file) throws Exception {
    Process p = new ProcessBuilder(tool, "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(tool + " -dc " + file, p.waitFor(), equalTo(0));
    return out;
  }

  private static void assertSameEvent(String where, JsonNode json, GenericRecord avro) {
    var names = json.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode value = json.get(name);
      Object column = avro.get(name);
      switch (name) {
        case "event_time", "ingest_time" -> assertThat(where + " " + name, timestamp(column), equalTo(value.asText()));
        case "schema_version" -> assertThat(where + " " + name, column, equalTo(value.asInt()));
        case "payload" -> assertSamePayload(where, value, (GenericRecord) column);
        default -> assertThat(where + " " + name, text(column), equalTo(value.asText()));
      }
    }
    assertThat(where + " fields", avro.getSchema().getFields().size(), equalTo(json.size()));
  }

  private static void assertSamePayload(String where, JsonNode json, GenericRecord avro) {
    for (org.apache.avro.Schema.Field f : avro.getSchema().getFields()) {
      Object column = avro.get(f.name());
      JsonNode value = json.get(f.name());
      String what = where + " payload." + f.name();
      if (value == null || value.isNull()) {
        assertThat(what, column, equalTo(null));
      } else if (value.isNumber()) {
        assertThat(what, money(column), equalTo(value.decimalValue().setScale(2)));
      } else {
        assertThat(what, text(column), equalTo(value.asText()));
      }
    }
    json.fieldNames().forEachRemaining(n -> assertThat(where + " payload has " + n, avro.getSchema().getField(n) != null, equalTo(true)));
  }

  private static String timestamp(Object column) {
    long micros = column instanceof Instant i ? ChronoUnit.MICROS.between(Instant.EPOCH, i) : (Long) column;
    return ISO_MICROS.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  private static BigDecimal money(Object column) {
    if (column instanceof BigDecimal d) {
      return d;
    }
    ByteBuffer b = ((ByteBuffer) column).duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new BigDecimal(new BigInteger(bytes), 2);
  }

  private static String text(Object column) {
    return column instanceof Utf8 || column instanceof CharSequence ? column.toString() : String.valueOf(column);
  }
}
