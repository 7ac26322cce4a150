package org.eventsim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The packages of the pipeline depend on each other without a cycle, so that each can be read (and
 * changed) knowing only the ones below it. Read from the sources: every {@code org.eventsim.}
 * name a file's code uses, imported or written out (comments aside).
 */
public class PackageDependenciesTest {
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*");
  private static final Pattern REFERENCE = Pattern.compile("org\\.eventsim((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

  @Test
  public void thePackageGraphHasNoCycle() throws IOException {
    Map<String, Set<String>> uses = packageGraph();
    assertThat(uses.keySet(), hasItem("org.eventsim.generate"));
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      for (String to : uses.get(from)) {
        if (reaches(uses, to, from, new TreeSet<>())) {
          cycles.add(from + " -> " + to);
        }
      }
    }
    assertThat("edges on a cycle", cycles, empty());
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (reaches(uses, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Set<String>> packageGraph() throws IOException {
    Path root = Path.of(System.getProperty("eventsim.mainSources", "src/main/java"));
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
        Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        String code = COMMENT.matcher(Files.readString(f)).replaceAll(" ");
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
          String target = "org.eventsim" + m.group(1);
          if (!target.equals(pkg)) {
            used.add(target);
          }
        }
      }
    }
    return uses;
  }
}
