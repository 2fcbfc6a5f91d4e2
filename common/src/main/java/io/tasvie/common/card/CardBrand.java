package io.tasvie.common.card;

import java.util.List;

/** Card schemes told apart by their leading digits (IIN prefixes, checked in this order). */
public enum CardBrand {
  SHETAB(
      "502229", "502908", "502910", "504172", "505416", "505785", "585983", "589210", "603769",
      "603770", "603799", "606373", "610433", "621986", "622106", "627353", "627381", "627412",
      "627488", "627648", "627760", "627961", "628023", "628157", "636214", "636795", "639217",
      "639346", "639347", "639599", "639607"),
  VISA_ELECTRON("40028", "4026", "417500", "4508", "4844", "4913", "4917"),
  VPAY("4877"),
  VISA("4"),
  MASTERCARD("51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27"),
  MAESTRO("50", "56", "57", "58", "6"),
  UNKNOWN();

  private final List<String> prefixes;

  CardBrand(String... prefixes) {
    this.prefixes = List.of(prefixes);
  }

  public static CardBrand of(String digits) {
    for (CardBrand brand : values()) {
      if (brand.prefixes.stream().anyMatch(digits::startsWith)) {
        return brand;
      }
    }
    return UNKNOWN;
  }
}
