package io.tasvie.terminal.valueadded;

import io.smallrye.mutiny.Uni;

/**
 * The operator or biller that delivers a value-added sale once its card charge is approved. The
 * built-in {@link SandboxFulfilment} answers at once; a real aggregator replaces it by being the
 * one bean of this type.
 */
public interface Fulfilment {

  /** {@code reference} is the operator's confirmation; a failure is {@code done = false}. */
  record Outcome(boolean done, String reference, String reason) {}

  Uni<Outcome> fulfil(ValueAddedOrder order);
}
