package io.tasvie.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One packaged service (target/quarkus-app) run as its own process, as deploy/tasvie runs it. */
final class ServiceProcess implements AutoCloseable {

  static final Path ROOT = Path.of(System.getProperty("tasvie.root", "..")).toAbsolutePath();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  private final Process process;
  final Path log;

  private ServiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code name} against the test database of its service and the given broker. */
  static ServiceProcess start(String name, String kafka, Map<String, String> extraEnv) {
    String service = name.replace("-svc", "");
    String db = "tasvie_" + service;
    int port = freePort();
    Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: package the services first");
    }
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + db + "_test");
    env.put("QUARKUS_DATASOURCE_USERNAME", db);
    env.put("QUARKUS_DATASOURCE_PASSWORD", db);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Keys.PUBLIC.toString());
    env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", Keys.PRIVATE.toString());
    env.put("TASVIE_AUTH_CLIENTS_ADMIN_SECRET", Keys.ADMIN_SECRET);
    env.put("TASVIE_CARD_TOKEN_KEY", "e2e-card-token-key");
    env.put("TASVIE_CHECKOUT_PAGE_KEY", "e2e-page-key");
    env.put("TASVIE_VAULT_ACTIVE_KEY", "e2e");
    env.put("TASVIE_VAULT_KEYS_E2E", "ZTJlLXZhdWx0LWtleS0zMi1ieXRlcy1sb25nLTEyMzQ=");
    // Test databases start empty, as in the @QuarkusTests: no state or schema left by earlier runs.
    env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
    env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
    env.putAll(extraEnv);
    try {
      Path logs = ROOT.resolve("deploy/target/e2e-logs");
      Files.createDirectories(logs);
      Path log = logs.resolve(name + "-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new ServiceProcess(name, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For a service that consumes {@code topic}: its own consumer group, so that a stack started by
   * {@code deploy/tasvie up} on the same broker takes none of its events.
   */
  static Map<String, String> consumerOf(String topic, String name) {
    String channel = "MP_MESSAGING_INCOMING_" + topic.toUpperCase(java.util.Locale.ROOT);
    return Map.of(
        channel + "_GROUP_ID", name + "-e2e-" + UUID.randomUUID(),
        channel + "_DEAD_LETTER_QUEUE_TOPIC", topic + ".dlq." + name + "-test");
  }

  static Map<String, String> merchantsConsumer(String name) {
    return consumerOf("merchants", name);
  }

  /** settlement-svc consumes merchants and payments. */
  static Map<String, String> settlementConsumers() {
    Map<String, String> env = new HashMap<>(merchantsConsumer("settlement-svc"));
    env.putAll(consumerOf("payments", "settlement-svc"));
    return env;
  }

  /** Commits the end of {@code topic} as where consumer group {@code group} starts. */
  static void startAtEnd(String group, String topic) {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        io.tasvie.common.testing.TestKafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          io.tasvie.common.testing.TestKafka.assignAtEnd(consumer, topic);
      Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
      partitions.forEach(p -> ends.put(p, new OffsetAndMetadata(consumer.position(p))));
      consumer.commitSync(ends);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** The HTTP status of GET {@code path}, or -1 while nothing answers. */
  int status(String path) {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited; see " + log);
    }
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  /** Kills the process at once (SIGKILL), as a power cut or an OOM kill would. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Asks a process to stop (SIGTERM: a graceful shutdown), and kills it if it takes too long. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test-only key pair from tasvie-common's test-jar, written to files for the processes. */
  static final class Keys {
    static final Path PRIVATE = copy("test-jwt-private.pem");
    static final Path PUBLIC = copy("test-jwt-public.pem");
    static final String ADMIN_SECRET = UUID.randomUUID().toString();

    private static Path copy(String resource) {
      try (InputStream in = ServiceProcess.class.getClassLoader().getResourceAsStream(resource)) {
        Path file = Files.createTempFile("tasvie-", ".pem");
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
