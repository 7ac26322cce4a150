package org.eventsim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** sha256 of every file of an output folder, to compare runs byte for byte. */
public final class OutputDigests {
  private OutputDigests() {}

  /**
   * sha256 of every file under {@code dir}, by relative path; stats.json with its {@code out_dir}
   * value blanked, since that is the one thing allowed to differ between runs.
   */
  public static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().equals("stats.json")) {
          bytes =
              new String(bytes, StandardCharsets.UTF_8)
                  .replaceAll("\"out_dir\": \"[^\"]*\"", "\"out_dir\": \"-\"")
                  .getBytes(StandardCharsets.UTF_8);
        }
        digests.put(dir.relativize(f).toString(), sha256(bytes));
      }
    }
    return digests;
  }

  /**
   * As {@link #of}, for the run's outputs only: without the tool's hidden entries (a lease, the
   * staging folder of a run under way or killed) and the user's other files.
   */
  public static Map<String, String> outputsOf(Path dir) throws IOException {
    Map<String, String> outputs = new TreeMap<>();
    of(dir).forEach(
        (file, sha) -> {
          if (file.equals("events.ndjson") || file.equals("stats.json") || file.startsWith("expected/")
              || file.startsWith("events_by_ingest_date/") || file.startsWith("events_by_event_date/")) {
            outputs.put(file, sha);
          }
        });
    return outputs;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
