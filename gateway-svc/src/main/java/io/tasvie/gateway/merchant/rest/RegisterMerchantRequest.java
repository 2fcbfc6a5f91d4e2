package io.tasvie.gateway.merchant.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record RegisterMerchantRequest(
    @NotBlank @Size(max = 200) String name,
    @NotNull
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as IR")
        String country,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as IRR")
        String currency,
    @NotEmpty @Size(max = 20)
        List<
                @NotNull @Size(max = 253)
                @Pattern(
                    regexp = HOST_NAME,
                    message = "must be a host name such as shop.example.com")
                String>
            callbackDomains) {

  /** A DNS host name: labels of letters, digits and inner dashes, joined by dots. */
  public static final String HOST_NAME =
      "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";
}
