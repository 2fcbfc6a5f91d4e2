package io.tasvie.settlement.contract;

import java.time.LocalTime;

/**
 * When a merchant is paid: {@code delayDays} business days (T+1..T+3) after the business day of a
 * capture, where captures after {@code cutoff} (merchant's local time) belong to the next day.
 */
public record Contract(int delayDays, LocalTime cutoff) {

  public static final int MIN_DELAY = 1;
  public static final int MAX_DELAY = 3;
}
