package io.tasvie.gateway.legacy;

/** The documented {@code Err} codes of PayRep; {@code ErrDsc} carries the text, Persian first. */
public enum PayRepCode {
  PAID(0, "پرداخت موفق / Paid"),
  WRONG_CREDENTIALS(1, "شناسه یا رمز نادرست است / Unknown ID or wrong Rmz"),
  LOCKED_OUT(
      2, "به دلیل رمز نادرست مکرر موقتاً مسدود است / Locked after repeated wrong Rmz; try later"),
  UNKNOWN_RES(3, "پرداختی با این شماره یافت نشد / No payment with this Res"),
  NOT_PAID(4, "پرداخت انجام نشده است / Not paid (yet)"),
  DECLINED(5, "پرداخت توسط بانک رد شد / Declined by the card issuer"),
  EXPIRED(6, "مهلت پرداخت گذشته است / Expired unpaid"),
  REVERSED(7, "پرداخت برگشت خورده است / Reversed: not verified in time, or cancelled"),
  MISSING_PARAMETERS(8, "پارامترهای ورودی ناقص است / ID, Rmz and Res are required");

  private final int err;
  private final String description;

  PayRepCode(int err, String description) {
    this.err = err;
    this.description = description;
  }

  public int err() {
    return err;
  }

  public String description() {
    return description;
  }
}
