package io.tasvie.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k8s/ overlays render offline with {@code kubectl kustomize} and pass the schema and policy
 * check (deploy/k8s-check/check.mjs: Kubernetes schemas from kubernetes-models, the operators'
 * resources against their schemas, then no latest tags, limits, probes, non-root, no secrets); and
 * the check fails on a manifest broken on purpose, naming each fault.
 */
class KubernetesManifestsTest {

  private static final Path ROOT = ServiceProcess.ROOT;
  private static final Path CHECK = ROOT.resolve("deploy/k8s-check/check.mjs");

  record Run(int exit, String output) {}

  @ParameterizedTest
  @ValueSource(strings = {"production", "local"})
  void anOverlayRendersAndPassesTheCheck(String overlay, @TempDir Path dir) throws Exception {
    Run rendered = render(overlay);
    assertEquals(0, rendered.exit(), rendered.output());
    Path manifest = dir.resolve(overlay + ".yaml");
    Files.writeString(manifest, rendered.output());
    assertTrue(rendered.output().contains("kind: KafkaTopic"), "the overlay renders Kafka topics");

    Run checked = check("--profile", overlay, manifest.toString());

    assertEquals(0, checked.exit(), checked.output());
    assertTrue(checked.output().contains("no problems"), checked.output());
  }

  @Test
  void theLocalOverlayIsNoProductionSetup(@TempDir Path dir) throws Exception {
    Run rendered = render("local");
    Path manifest = dir.resolve("local.yaml");
    Files.writeString(manifest, rendered.output());

    Run checked = check("--profile", "production", manifest.toString());

    assertEquals(1, checked.exit(), checked.output());
    assertTrue(checked.output().contains("min.insync.replicas"), checked.output());
  }

  @Test
  void aBrokenManifestFailsWithEachFaultNamed() throws Exception {
    Path broken = ROOT.resolve("deploy/src/test/resources/k8s/broken.yaml");

    Run checked = check(broken.toString());

    assertEquals(1, checked.exit(), checked.output());
    List<String> expected =
        List.of(
            "Deployment/wrong-type: spec.replicas: must be integer",
            "unknown kind Deploymnet",
            "KafkaTopic/no-partitions: spec: required field \"partitions\" is missing",
            "KafkaUser/bad-acl: spec.authorization.acls[0].operations[1]: \"Produce\" is not one of",
            "Secret/leaked-credentials: Secret with data",
            "container latest-image: image ghcr.io/tasvie/gateway-svc:latest uses the tag latest",
            "container no-limits: resources not set: limits.cpu, limits.memory",
            "container no-readiness: no readinessProbe",
            "container root-allowed: runAsNonRoot is false");
    List<String> missing = new ArrayList<>();
    for (String problem : expected) {
      if (!checked.output().contains(problem)) {
        missing.add(problem);
      }
    }
    assertTrue(missing.isEmpty(), "not reported: " + missing + "\n" + checked.output());
    assertTrue(checked.output().contains("9 problems"), checked.output());
  }

  /** The overlay as kubectl kustomize renders it; its warnings go to the test's own output. */
  private static Run render(String overlay) throws IOException, InterruptedException {
    String dir = ROOT.resolve("k8s/overlays/" + overlay).toString();
    return run(
        new ProcessBuilder("kubectl", "kustomize", dir)
            .redirectError(ProcessBuilder.Redirect.INHERIT));
  }

  private static Run check(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", CHECK.toString()));
    command.addAll(List.of(args));
    return run(new ProcessBuilder(command).redirectErrorStream(true));
  }

  private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + builder.command());
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
