package org.eventsim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command as users do, in its own process, for end-to-end tests. */
public final class Processes {
  private Processes() {}

  /** What a finished process printed, and its exit code. */
  public record Result(int code, String stdout, String stderr, double seconds) {
    /** The last line on stdout (the command's JSON summary on success). */
    public String lastStdoutLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  /**
   * {@code java [jvmOptions] -jar jar args...}, with this JVM's temporary folder as the child's (as
   * the launcher gives a JVM TMPDIR), so that the suite can check what runs leave there.
   */
  public static List<String> javaJar(Path jar, List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("java");
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A command started in the background, its output going to files. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long started = System.nanoTime();

    private Running(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public Process process() {
      return process;
    }

    public long pid() {
      return process.pid();
    }

    /** What it has printed on stderr so far. */
    public String stderr() throws IOException {
      return Files.readString(stderr);
    }

    /** Waits for it to end (failing after {@code bound}) and returns what it printed. */
    public Result finish(java.time.Duration bound) throws IOException, InterruptedException {
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("did not end within " + bound.toSeconds() + " s: " + process.info().commandLine());
      }
      return new Result(
          process.exitValue(), Files.readString(stdout), Files.readString(stderr), (System.nanoTime() - started) / 1e9);
    }

    /** Kills it and what it started, if still running, and deletes its output files. */
    @Override
    public void close() throws IOException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** Starts {@code command} in the background; close the result when done with it. */
  public static Running start(List<String> command) throws IOException {
    Path stdout = Files.createTempFile("event-sim", ".out");
    Path stderr = Files.createTempFile("event-sim", ".err");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    return new Running(p, stdout, stderr);
  }

  /** Runs {@code command} to completion (killing it after {@code timeoutMinutes}). */
  public static Result run(List<String> command, int timeoutMinutes)
      throws IOException, InterruptedException {
    return run(command, Map.of(), timeoutMinutes);
  }

  /** As {@link #run(List, int)}, with {@code env} added to the environment. */
  public static Result run(List<String> command, Map<String, String> env, int timeoutMinutes)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("event-sim", ".out");
    Path stderr = Files.createTempFile("event-sim", ".err");
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    try {
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        throw new AssertionError("timed out after " + timeoutMinutes + " min: " + command);
      }
      return new Result(
          p.exitValue(), Files.readString(stdout), Files.readString(stderr), (System.nanoTime() - started) / 1e9);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
