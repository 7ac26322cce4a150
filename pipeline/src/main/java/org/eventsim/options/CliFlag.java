package org.eventsim.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a getter of {@link EventSimOptions} as one of the Python tool's flags.
 *
 * <p>The command line accepts the flag under its tool name ({@code --n-orders 5000} or {@code
 * --n-orders=5000}) and under Beam's property name ({@code --numOrders=5000}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CliFlag {
  /** The tool's name of the flag, without dashes, e.g. {@code n-orders}. */
  String value();

  /** What the flag accepts, as said in error messages, e.g. {@code an integer >= 0}. */
  String accepts();

  /**
   * A tuning option: it changes speed and memory, never the output. Listed apart in the help; its
   * name is Beam's property name.
   */
  boolean tuning() default false;
}
