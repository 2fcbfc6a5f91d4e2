package io.tasvie.gateway.merchant.mapping;

import io.tasvie.common.contract.MerchantRegisteredEvent;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.rest.MerchantResponse;

public final class MerchantMapper {

  private MerchantMapper() {}

  public static MerchantResponse toResponse(Merchant merchant) {
    return new MerchantResponse(
        merchant.getId(),
        merchant.getMerchantNumber(),
        merchant.getName(),
        merchant.getCountry(),
        merchant.getCurrency(),
        merchant.getCallbackDomains(),
        merchant.getRegisteredAt());
  }

  public static MerchantRegisteredEvent toRegisteredEvent(Merchant merchant) {
    return new MerchantRegisteredEvent(
        merchant.getId(),
        merchant.getMerchantNumber(),
        merchant.getName(),
        merchant.getCountry(),
        merchant.getCurrency(),
        merchant.getCallbackDomains(),
        merchant.getRegisteredAt());
  }
}
