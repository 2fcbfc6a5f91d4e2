package io.tasvie.gateway.settings.rest;

import static io.tasvie.gateway.merchant.rest.RegisterMerchantRequest.HOST_NAME;

import io.tasvie.gateway.settings.Discount;
import io.tasvie.gateway.settings.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * The whole of a merchant's settings (PUT replaces them). {@code environment} may be left out to
 * keep it; only an admin changes it. The switches left out are off. Amounts are minor units of the
 * merchant's currency.
 */
public record SettingsRequest(
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1 to 64 letters, digits, . _ -")
        String storeId,
    @Pattern(regexp = "[A-Z0-9]{4,34}", message = "must be 4 to 34 capital letters or digits")
        String walletNumber,
    Environment environment,
    @Positive Long minAmount,
    @Positive Long maxAmount,
    @Valid DiscountRequest discount,
    Boolean maintenance,
    @NotEmpty @Size(max = 20)
        List<
                @NotNull @Size(max = 253)
                @Pattern(
                    regexp = HOST_NAME,
                    message = "must be a host name such as shop.example.com")
                String>
            callbackDomains,
    @Size(max = 2000) String notifyUrl,
    Boolean saveCards,
    Boolean requireSignedRequests) {

  /**
   * {@code FIXED} with {@code amount} (minor units), or {@code PERCENT} with {@code percent} (up to
   * two decimals) and an optional {@code cap} (minor units).
   */
  public record DiscountRequest(
      @NotNull Discount.Type type,
      @Positive Long amount,
      @Positive BigDecimal percent,
      @Positive Long cap) {}
}
