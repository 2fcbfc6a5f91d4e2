package io.tasvie.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A second, private Apache Kafka broker (KRaft) from the same jars and template deploy/tasvie uses,
 * for tests that need a broker they can start late or stop.
 */
final class KafkaBroker implements AutoCloseable {

  final int port = ServiceProcess.freePort();
  private final int controllerPort = ServiceProcess.freePort();
  private final Path dir;
  private Process process;

  KafkaBroker() {
    try {
      dir = Files.createTempDirectory("tasvie-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  void start() throws IOException, InterruptedException {
    Path root = ServiceProcess.ROOT;
    String template = Files.readString(root.resolve("deploy/kafka/server.properties.template"));
    Path config = dir.resolve("server.properties");
    Files.writeString(
        config,
        template
            .replace("@PORT@", String.valueOf(port))
            .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort))
            .replace("@DATA@", dir.resolve("data").toString())
            .replace("@AUTO_CREATE@", "true"));
    String classpath = Files.readString(classpathFile()).strip();
    Path log = root.resolve("deploy/target/e2e-logs/kafka-" + port + ".log");
    Files.createDirectories(log.getParent());
    Process format =
        broker(
            classpath,
            log,
            "kafka.tools.StorageTool",
            "format",
            "--standalone",
            "-t",
            clusterId(),
            "-c",
            config.toString());
    if (format.waitFor() != 0) {
      throw new IllegalStateException("formatting the broker failed; see " + log);
    }
    process = broker(classpath, log, "kafka.Kafka", config.toString());
  }

  private static Process broker(String classpath, Path log, String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "java",
                "-Xmx384m",
                "-Dlog4j2.configurationFile="
                    + ServiceProcess.ROOT.resolve("deploy/kafka/log4j2.xml"),
                "-cp",
                classpath));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static Path classpathFile() {
    String fromEnv = System.getenv("TASVIE_KAFKA_CLASSPATH");
    Path file =
        fromEnv != null ? Path.of(fromEnv) : ServiceProcess.ROOT.resolve(".tasvie/kafka/classpath");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " is missing: run the tests with deploy/tasvie test, which resolves the broker");
    }
    return file;
  }

  private static String clusterId() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    // The storage tool would take an id starting with '-' for an option.
    return id.startsWith("-") ? "A" + id.substring(1) : id;
  }

  @Override
  public void close() throws IOException {
    if (process != null) {
      ServiceProcess.stop(process);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
