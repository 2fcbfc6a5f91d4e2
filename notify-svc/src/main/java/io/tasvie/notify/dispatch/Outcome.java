package io.tasvie.notify.dispatch;

import java.util.List;

/** What became of one send: the dispatcher records it, and only it decides what happens next. */
public sealed interface Outcome {

  /** Taken by the SMSC (one provider id per part) or the SMTP server (the Message-ID). */
  record Submitted(List<String> providerIds) implements Outcome {}

  /**
   * Certainly not sent: try again later. Throttling ({@code throttled}) does not use up an attempt.
   */
  record Retry(String error, boolean throttled) implements Outcome {}

  /**
   * The SMSC took the first parts of a concatenated message ({@code providerIds}, in order) and
   * refused the next for good ({@code error}); the rest of the {@code parts} were never submitted.
   * Not tried again: the handset has the first parts, and a resend sends the whole text anew.
   */
  record PartlySent(List<String> providerIds, int parts, String error) implements Outcome {}

  /** Refused for good (a bad address, a permanent SMSC error): never tried again. */
  record Failed(String error) implements Outcome {}

  /**
   * May or may not have been sent (no response, link lost mid-submit). {@code providerIds} are the
   * parts known to be taken. Resolved later from delivery receipts, never blindly resent.
   */
  record Unknown(String error, List<String> providerIds) implements Outcome {}
}
