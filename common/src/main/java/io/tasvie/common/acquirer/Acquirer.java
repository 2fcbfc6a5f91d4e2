package io.tasvie.common.acquirer;

import io.smallrye.mutiny.Uni;

/**
 * The connection to the bank that authorises card payments. The built-in {@link
 * io.tasvie.common.acquirer.sandbox.SandboxAcquirer} answers with test cards; a real connector
 * replaces it by being the one bean of this type.
 */
public interface Acquirer {

  Uni<AcquirerReply> authorize(AuthorizationRequest request);

  /** Captures an authorisation (identified by its RRN) when the merchant verifies the payment. */
  Uni<AcquirerReply> capture(String rrn, long amount, String currency);

  /** Releases an authorisation that will not be captured. */
  Uni<AcquirerReply> reverse(String rrn);

  /** Pays back part of a captured payment, referring to the original transaction. */
  Uni<AcquirerReply> refund(String rrn, long amount, String currency);
}
