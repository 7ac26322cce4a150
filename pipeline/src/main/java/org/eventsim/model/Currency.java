package org.eventsim.model;

/**
 * The currencies orders are placed in, declared in alphabetical order: the order of the answer
 * key's revenue columns. The JSON value is the constant's name ({@code "USD"}).
 */
public enum Currency {
  CAD,
  EUR,
  GBP,
  USD
}
