package org.eventsim.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.eventsim.sink.StoreWriter;

/** A folder on the local disk (or a disk every worker mounts). */
final class LocalStore extends Store {
  @Override
  boolean createNew(ResourceId file, byte[] bytes) throws IOException {
    Path path = path(file);
    Files.createDirectories(path.getParent());
    try {
      Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  @Override
  void deleteTree(ResourceId folder) throws IOException {
    Path root = path(folder);
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
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  String makeFolder(ResourceId folder) {
    Path dir = path(folder);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return "is a file, not a folder";
    }
    try {
      Files.createDirectories(dir);
      return null;
    } catch (IOException | SecurityException e) {
      return "cannot be created: " + OutputLocation.reason(e);
    }
  }

  @Override
  void deleteIfEmpty(ResourceId folder) {
    Path dir = path(folder);
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException ignored) {
      // absent, or holds files that are not the tool's
    }
  }

  @Override
  boolean writeFailureIsTheLocations() {
    return true;
  }

  @Override
  boolean renamesAreCheap() {
    return true;
  }

  @Override
  StoreWriter writer() {
    return new LocalWriter();
  }


  static Path path(ResourceId r) {
    return Path.of(r.toString());
  }
}
