package io.tasvie.notify.sms;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the SMSC session is bound, on {@code /q/health/well}. Not a readiness check: while the
 * SMSC is away notify-svc still takes requests and queues their messages.
 */
@Wellness
@ApplicationScoped
public class SmscHealth implements HealthCheck {

  private final SmppClient client;
  private final SmppConfig config;

  public SmscHealth(SmppClient client, SmppConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("SMSC")
        .status(client.bound())
        .withData("address", config.host() + ":" + config.port())
        .withData("systemId", config.systemId())
        .build();
  }
}
