package io.tasvie.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the service and the real PostgreSQL, so that a test can take the
 * database away. Needs the init arg {@code database}.
 */
public class PostgresProxy implements QuarkusTestResourceLifecycleManager {

  private static TcpProxy proxy;
  private String database;

  public static TcpProxy proxy() {
    return proxy;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get("database");
  }

  @Override
  public Map<String, String> start() {
    try {
      proxy = new TcpProxy("127.0.0.1", 5432);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.datasource.reactive.url",
        "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
  }

  @Override
  public void stop() {
    try {
      proxy.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
