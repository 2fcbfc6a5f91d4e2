package io.tasvie.common.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a Kafka broker answers. Answers within about three seconds either way (Quarkus's
 * own check waits up to a minute while the broker is down, longer than any probe waits).
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

  private static final int TIMEOUT_MS = 3000;

  private final Map<String, Object> kafkaConfig;
  private Admin admin;

  public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.kafkaConfig = kafkaConfig;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("Kafka broker");
    try {
      int nodes =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS)
              .size();
      return response.status(nodes > 0).withData("nodes", nodes).build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>();
      kafkaConfig.forEach(
          (key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
              config.put(key, value);
            }
          });
      config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tasvie-readiness");
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      admin = Admin.create(config);
    }
    return admin;
  }

  synchronized void close(@Observes ShutdownEvent event) {
    if (admin != null) {
      admin.close();
    }
  }
}
