package org.eventsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command's own temporary folder, {@code <java.io.tmpdir>/event-sim-<host>-<pid>}: the command makes
 * it its JVM's {@code java.io.tmpdir} before anything else runs, so that what Flink, Kafka's and
 * Hadoop's clients and the JDK put in "the temporary folder" (a mini cluster's folders, an
 * extracted RPC jar, native libraries, the Flink configuration the command writes) lands there,
 * and deletes it as the process exits. A process killed with SIGKILL cannot tidy up: the next run
 * on the same host deletes the folders of processes that are gone (the host is in the name because
 * a process id means nothing on another host sharing the folder).
 *
 * <p>Only the command's {@code main} installs it; a run inside another program (the tests) leaves
 * that program's temporary folder alone.
 */
public final class ProcessTemp {
  private static final String PREFIX = "event-sim-";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(.+)-(\\d+)");
  private static volatile Path installed;
  private static volatile String host;

  private ProcessTemp() {}

  /**
   * Makes this process's folder the JVM's temporary folder, deletes the folders of processes that
   * are gone, and deletes this one at exit. Call first thing in {@code main}.
   */
  public static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    sweepDead(base);
    Path dir = base.resolve(PREFIX + host() + "-" + ProcessHandle.current().pid());
    deleteTree(dir); // left by a dead process that had this pid (this one is alive)
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the temporary folder " + dir, e);
    }
    System.setProperty("java.io.tmpdir", dir.toString());
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessTemp::deleteNow, "event-sim-temp-cleanup"));
    installed = dir;
    return dir;
  }

  /** This process's folder, or empty when none is installed (a run inside another program). */
  public static Optional<Path> folder() {
    return Optional.ofNullable(installed);
  }

  /** Deletes this process's folder now (before the JVM halts without running its hooks). */
  public static void deleteNow() {
    Path dir = installed;
    if (dir != null) {
      deleteTree(dir);
    }
  }

  /** Deletes this host's {@code event-sim-<host>-<pid>} folders in {@code base} whose process is gone. */
  static void sweepDead(Path base) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
      for (Path p : entries) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).equals(host()) && Files.isDirectory(p) && !alive(Long.parseLong(m.group(2)))) {
          deleteTree(p);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // an unreadable temporary folder: nothing to sweep
    }
  }

  /** This host's name, reduced to characters safe in a file name. */
  static String host() {
    String name = host;
    if (name == null) {
      try {
        name = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        name = "localhost";
      }
      name = name.replaceAll("[^A-Za-z0-9._]", "_");
      host = name;
    }
    return name;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Deletes {@code root} and everything under it, as far as it can (what it cannot is left). */
  public static void deleteTree(Path root) {
    try {
      walkDelete(root);
    } catch (IOException | RuntimeException ignored) {
      // a file still in use: left for the sweep of a later run, or the system's own clean-up
    }
  }

  private static void walkDelete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
