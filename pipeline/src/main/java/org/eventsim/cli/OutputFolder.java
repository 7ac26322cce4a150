package org.eventsim.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.options.UsageException;
import org.eventsim.sink.DatePartition;
import org.eventsim.sink.OutputLayout;

/**
 * The output folder on the local file system: checked before anything is written, cleared of the
 * previous run's outputs (stats.json first, so that the folder never looks complete while a run is
 * under way), and tidied after a run.
 */
final class OutputFolder {
  private final Path dir;

  private OutputFolder(Path dir) {
    this.dir = dir;
  }

  /**
   * Checks that {@code dir} is, or can be made, a writable folder; creates it. Throws a usage error
   * naming {@code --out} otherwise.
   */
  static OutputFolder open(String given, Path dir) throws UsageException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException("--out '" + given + "' is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new UsageException("--out '" + given + "' cannot be created: " + reason(e));
    }
    Path probe = dir.resolve(".event-sim-write-check");
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UsageException("--out '" + given + "' is not writable: " + reason(e));
    }
    return new OutputFolder(dir);
  }

  /**
   * Removes what an earlier run wrote: stats.json first, then events.ndjson, the date folders and
   * the answer key. A daily increment owns only its days' ingest-date files: the other days' files
   * stay, so that one folder can collect a scheduler's daily runs.
   */
  void clearPreviousRun(GeneratorConfig run) throws IOException {
    Files.deleteIfExists(dir.resolve(OutputLayout.STATS_FILE));
    Files.deleteIfExists(dir.resolve(OutputLayout.EVENTS_FILE));
    if (run.increment()) {
      for (int day = run.ingestFirstDay(); day <= run.ingestLastDay(); day++) {
        Files.deleteIfExists(dir.resolve(DatePartition.INGEST_DATE.relativePath(day)));
      }
    } else {
      for (DatePartition p : DatePartition.values()) {
        deleteTree(dir.resolve(p.folder()));
      }
    }
    deleteTree(dir.resolve(OutputLayout.EXPECTED_DIR));
    deleteTree(dir.resolve(OutputLayout.WORK_DIR));
  }

  /**
   * Gives every day of an increment its ingest-date file, empty when nothing arrived that day, so
   * that a scheduled job always finds its day's file.
   */
  void completeIncrementDays(GeneratorConfig run) throws IOException {
    if (!run.increment()) {
      return;
    }
    for (int day = run.ingestFirstDay(); day <= run.ingestLastDay(); day++) {
      Path file = dir.resolve(DatePartition.INGEST_DATE.relativePath(day));
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.createFile(file);
      }
    }
  }

  /** Removes the run's scratch folder. */
  void removeWorkDir() throws IOException {
    deleteTree(dir.resolve(OutputLayout.WORK_DIR));
  }

  /**
   * Number of files the run wrote: events.ndjson, stats.json, expected/ and the date files — of an
   * increment only its own days', not those earlier runs left in the folder.
   */
  long countOutputFiles(GeneratorConfig run) throws IOException {
    long n = 0;
    for (String f : new String[] {OutputLayout.STATS_FILE, OutputLayout.EVENTS_FILE}) {
      if (Files.isRegularFile(dir.resolve(f))) {
        n++;
      }
    }
    List<String> folders = new ArrayList<>();
    folders.add(OutputLayout.EXPECTED_DIR);
    if (run.increment()) {
      for (int day = run.ingestFirstDay(); day <= run.ingestLastDay(); day++) {
        n += Files.isRegularFile(dir.resolve(DatePartition.INGEST_DATE.relativePath(day))) ? 1 : 0;
      }
    } else {
      for (DatePartition p : DatePartition.values()) {
        folders.add(p.folder());
      }
    }
    for (String name : folders) {
      Path folder = dir.resolve(name);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          n += files.filter(Files::isRegularFile).count();
        }
      }
    }
    return n;
  }

  Path dir() {
    return dir;
  }

  private static void deleteTree(Path root) throws IOException {
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
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }
}
