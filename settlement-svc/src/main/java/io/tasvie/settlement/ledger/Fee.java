package io.tasvie.settlement.ledger;

/**
 * What the platform charges a merchant per captured payment: a merchant discount rate in basis
 * points of the amount plus a fixed fee in minor units. The rate part is rounded half up to the
 * minor unit, the sum is capped at the amount (a fee never exceeds what was paid). Refunds carry no
 * fee and give none back.
 */
public record Fee(int mdrBps, long fixedFee) {

  public static final Fee NONE = new Fee(0, 0);
  public static final int MAX_BPS = 10_000;

  public Fee {
    if (mdrBps < 0 || mdrBps > MAX_BPS || fixedFee < 0) {
      throw new IllegalArgumentException("fee " + mdrBps + " bps + " + fixedFee);
    }
  }

  /** The fee on a captured {@code amount} (minor units, positive). */
  public long on(long amount) {
    long rate = (Math.multiplyExact(amount, mdrBps) + MAX_BPS / 2) / MAX_BPS;
    return Math.min(amount, rate + fixedFee);
  }
}
