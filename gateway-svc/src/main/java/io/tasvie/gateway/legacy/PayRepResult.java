package io.tasvie.gateway.legacy;

/**
 * PayRep's answer, with the legacy field names: {@code Amnt} in rials, {@code Dat} the payment
 * time, {@code DatTasvie}/{@code NoTasvie} the settlement date and number (empty until
 * settlement-svc assigns them), {@code IP} the payer's address.
 */
public record PayRepResult(
    String nam,
    String dsc,
    long amnt,
    String dat,
    PayRepCode code,
    String datTasvie,
    String noTasvie,
    String ip) {

  public static PayRepResult of(PayRepCode code) {
    return new PayRepResult("", "", 0, "", code, "", "", "");
  }
}
