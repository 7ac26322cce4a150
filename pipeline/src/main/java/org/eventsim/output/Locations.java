package org.eventsim.output;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/** How an output location given as text ({@code --out}) is read: a local path or a URI. */
final class Locations {
  private static final Pattern URI_SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://.*");

  private Locations() {}

  /** The scheme of {@code spec}: {@code file} for a plain path, else the URI's, lower case. */
  static String scheme(String spec) {
    var m = URI_SCHEME.matcher(spec);
    return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "file";
  }

  /**
   * The folder {@code spec} names: a plain path made absolute and normal, a URI as it is.
   *
   * @throws IllegalArgumentException when no file system serves the scheme
   */
  static ResourceId folder(String spec) {
    String s = scheme(spec).equals("file") && !spec.startsWith("file:")
        ? Path.of(spec).toAbsolutePath().normalize().toString()
        : spec;
    return FileSystems.matchNewResource(s, true);
  }
}
