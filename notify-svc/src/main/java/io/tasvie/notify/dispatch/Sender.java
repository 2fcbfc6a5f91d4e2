package io.tasvie.notify.dispatch;

import io.tasvie.notify.message.Message.Channel;
import java.util.concurrent.CompletionStage;

/** Sends messages of one channel; never throws: every failure is an {@link Outcome}. */
public interface Sender {

  Channel channel();

  /** Whether sending can start now (bound to the SMSC, not told to slow down). */
  boolean ready();

  CompletionStage<Outcome> send(Outgoing message);
}
