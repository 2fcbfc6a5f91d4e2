package io.tasvie.gateway.payment.rest;

import io.tasvie.gateway.payment.config.CheckoutConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Where the payer pays: the configured public address, else the one the request came to. */
@ApplicationScoped
public class PaymentPageLinks {

  private final CheckoutConfig config;

  public PaymentPageLinks(CheckoutConfig config) {
    this.config = config;
  }

  public String pageUrl(UUID paymentId, UriInfo uri) {
    String base = config.publicUrl().orElse(uri.getBaseUri().toString());
    return (base.endsWith("/") ? base : base + "/") + "pay/" + paymentId;
  }
}
