package org.eventsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One in-process run of the command, with what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:04:05Z"), ZoneOffset.UTC);

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = EventSimCli.run(args, List.of(), o, e, CLOCK);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** sha256 of every file under {@code dir}, by relative path; stats.json without its out_dir line. */
  static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().equals("stats.json")) {
          bytes = new String(bytes, StandardCharsets.UTF_8)
              .replaceAll("\"out_dir\": \"[^\"]*\"", "\"out_dir\": \"-\"")
              .getBytes(StandardCharsets.UTF_8);
        }
        digests.put(dir.relativize(f).toString(), sha256(bytes));
      }
    }
    return digests;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
