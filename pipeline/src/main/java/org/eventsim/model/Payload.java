package org.eventsim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An event's payload: named fields in the order they are written to events.ndjson.
 *
 * <p>A value is a {@link String}, a {@link Money} or {@code null}; nothing else occurs in the
 * event schemas. Immutable.
 */
public final class Payload {
  /** One field of a payload. */
  public record Field(String name, Object value) {
    public Field {
      Objects.requireNonNull(name, "name");
      if (value != null && !(value instanceof String) && !(value instanceof Money)) {
        throw new IllegalArgumentException(
            "payload values are String, Money or null; got " + value.getClass());
      }
    }
  }

  private final List<Field> fields;

  private Payload(List<Field> fields) {
    this.fields = Collections.unmodifiableList(fields);
  }

  /** The fields in output order. */
  public List<Field> fields() {
    return fields;
  }

  /** The value of field {@code name}; throws if there is no such field. */
  public Object get(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f.value();
      }
    }
    throw new IllegalArgumentException("no payload field " + name);
  }

  /** Whether the payload has a field {@code name}. */
  public boolean has(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p && p.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.toString();
  }

  /** Collects fields in output order. */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>(6);

    private Builder() {}

    public Builder put(String name, Object value) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          throw new IllegalArgumentException("duplicate payload field " + name);
        }
      }
      fields.add(new Field(name, value));
      return this;
    }

    public Payload build() {
      return new Payload(new ArrayList<>(fields));
    }
  }
}
