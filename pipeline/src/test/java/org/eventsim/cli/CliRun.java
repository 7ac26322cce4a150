package org.eventsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eventsim.testing.OutputDigests;
import java.util.Map;

/** One in-process run of the command, with what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:04:05Z"), ZoneOffset.UTC);

  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = EventSimCli.run(args, RunnerSetup.NONE, o, e, CLOCK);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** sha256 of every file under {@code dir}; see {@link OutputDigests#of}. */
  static Map<String, String> digests(Path dir) throws IOException {
    return OutputDigests.of(dir);
  }

  static String sha256(byte[] bytes) {
    return OutputDigests.sha256(bytes);
  }
}
