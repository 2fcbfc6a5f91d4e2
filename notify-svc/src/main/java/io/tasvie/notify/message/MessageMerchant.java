package io.tasvie.notify.message;

import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.notify.settings.MerchantMessaging;
import java.util.List;
import java.util.UUID;

/**
 * What composing a message needs of its merchant: the projection ({@code name} and {@code country}
 * null while gateway-svc's MerchantRegistered has not arrived) and its messaging settings (null
 * where the merchant has set none).
 */
public record MessageMerchant(
    UUID merchantId,
    String name,
    String country,
    String language,
    String smsSender,
    List<String> servedCountries) {

  public static MessageMerchant of(
      UUID merchantId, MerchantProjection merchant, MerchantMessaging settings) {
    return new MessageMerchant(
        merchantId,
        merchant == null ? null : merchant.getName(),
        merchant == null ? null : merchant.getCountry(),
        settings == null ? null : settings.getLanguage(),
        settings == null ? null : settings.getSmsSender(),
        settings == null ? List.of() : settings.getServedCountries());
  }

  /** Whether the merchant's projection is here. */
  public boolean known() {
    return name != null;
  }
}
