import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-model load of whole checkout lifecycles against gateway-svc: lifecycles start at a fixed
 * rate whatever the responses take, and each one's latency runs from its scheduled start (so a
 * stalled server is not hidden by coordinated omission). A lifecycle is create, the hosted page's
 * GET and card POST, and verify. Args: base-url rate seconds warm-up-seconds; env ADMIN_TOKEN.
 * Registers a bench merchant first. Details go to stderr; stdout gets one line for deploy/bench-
 * checkout: "lifecycles/s p50-ms p99-ms max-ms errors".
 */
public class CheckoutLoad {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_IN_FLIGHT = 1000; // beyond this, starts are dropped as errors
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("tasvie_form=([^;]+)");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final String base;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile String formCookie; // one hosted-page cookie for this client, once it has one
  private String merchantToken;
  private volatile Result current = new Result(0);

  CheckoutLoad(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    CheckoutLoad load = new CheckoutLoad(args[0]);
    double rate = Double.parseDouble(args[1]);
    load.setUp(System.getenv("ADMIN_TOKEN"));
    load.run(rate, Integer.parseInt(args[3]));
    Result result = load.run(rate, Integer.parseInt(args[2]));
    System.err.printf(
        "platform: %d of %d lifecycles ok in %.1f s, %.1f lifecycles/s; ms p50 %.1f  p90 %.1f"
            + "  p99 %.1f  p99.9 %.1f  max %.1f; errors %d %s%n",
        result.latencies.size(), result.started, result.seconds, result.perSecond(),
        result.pct(50), result.pct(90), result.pct(99), result.pct(99.9), result.pct(100),
        result.errorCount(), result.errors.isEmpty() ? "" : result.errors);
    System.err.println("per request, ms p50/p99:" + result.steps());
    System.err.printf("load generator: %.1f s CPU in all (warm-up included)%n",
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1e3);
    System.out.printf("%.0f %.1f %.1f %.1f %d%n", result.perSecond(), result.pct(50),
        result.pct(99), result.pct(100), result.errorCount());
  }

  /** Registers a merchant with the admin token and gets its client-credentials token. */
  void setUp(String adminToken) {
    HttpRequest register = post("/v1/merchants", "application/json",
            "{\"name\":\"Bench Shop\",\"country\":\"IR\",\"currency\":\"IRR\","
                + "\"callbackDomains\":[\"shop.example.ir\"]}")
        .header("Authorization", "Bearer " + adminToken).build();
    String merchant = sendAsync("register merchant", register, 201).join().body();
    String form = "grant_type=client_credentials&client_id=" + json(merchant, "merchantNumber")
        + "&client_secret=" + URLEncoder.encode(json(merchant, "secret"), StandardCharsets.UTF_8);
    HttpRequest token = post("/v1/auth/token", "application/x-www-form-urlencoded", form).build();
    merchantToken = json(sendAsync("merchant token", token, 200).join().body(), "access_token");
  }

  /** Starts rate lifecycles a second for the given seconds and waits for them all to end. */
  Result run(double rate, int seconds) throws InterruptedException {
    int total = (int) Math.round(rate * seconds);
    long period = Math.round(1e9 / rate);
    Result result = current = new Result(total);
    CountDownLatch done = new CountDownLatch(total);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + 20_000_000;
    clock.scheduleAtFixedRate(() -> {
      int i = started.getAndIncrement();
      if (i >= total) {
        clock.shutdown();
        return;
      }
      long scheduled = start + i * period; // a late tick still counts from its own schedule
      if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
        inFlight.decrementAndGet();
        result.fail("dropped: " + MAX_IN_FLIGHT + " lifecycles in flight");
        done.countDown();
        return;
      }
      lifecycle().whenComplete((ok, failure) -> {
        inFlight.decrementAndGet();
        if (failure == null) {
          result.latencies.add((System.nanoTime() - scheduled) / 1e6);
        } else {
          Throwable cause = failure.getCause() == null ? failure : failure.getCause();
          result.fail(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
        done.countDown();
      });
    }, start - System.nanoTime(), period, TimeUnit.NANOSECONDS);
    done.await(seconds + 60L, TimeUnit.SECONDS);
    result.seconds = Math.max(seconds, (System.nanoTime() - start) / 1e9); // until the last ends
    clock.shutdownNow();
    return result;
  }

  /** Create, page GET, card POST, verify: each step starts when the previous one answered. */
  CompletableFuture<Void> lifecycle() {
    String reference = "bench-" + run + "-" + sequence.incrementAndGet();
    HttpRequest create = post("/v1/payments", "application/json",
            "{\"merchantReference\":\"" + reference + "\",\"amount\":120000,\"currency\":\"IRR\","
                + "\"description\":\"bench\",\"redirectUrl\":\"https://shop.example.ir/back\"}")
        .header("Authorization", "Bearer " + merchantToken).build();
    return sendAsync("create", create, 201).thenCompose(created -> {
      String paymentId = json(created.body(), "paymentId");
      HttpRequest.Builder page = request("/pay/" + paymentId + "?lang=en").GET();
      String known = formCookie;
      if (known != null) {
        page.header("Cookie", "tasvie_form=" + known);
      }
      return sendAsync("page", page.build(), 200).thenCompose(shown -> {
        String cookie = match(COOKIE, shown.headers().firstValue("set-cookie").orElse(""));
        formCookie = cookie;
        String form = "cardNumber=4006090000000007&expiry=12/30&cvc=123&lang=en&csrf="
            + URLEncoder.encode(match(CSRF, shown.body()), StandardCharsets.UTF_8);
        HttpRequest pay = post("/pay/" + paymentId, "application/x-www-form-urlencoded", form)
            .header("Cookie", "tasvie_form=" + cookie).build();
        return sendAsync("pay", pay, 303);
      }).thenCompose(paid -> {
        HttpRequest verify = post("/v1/payments/" + paymentId + "/verify", "application/json",
                "{\"amount\":120000}")
            .header("Authorization", "Bearer " + merchantToken).build();
        return sendAsync("verify", verify, 200);
      }).thenAccept(verified -> {
        if (!verified.body().contains("\"result\":\"VERIFIED\"")) {
          throw new IllegalStateException("verify: not VERIFIED");
        }
      });
    });
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
  }

  private HttpRequest.Builder post(String path, String type, String body) {
    return request(path).header("Content-Type", type).POST(BodyPublishers.ofString(body));
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String step, HttpRequest r, int want) {
    long sent = System.nanoTime();
    return http.sendAsync(r, BodyHandlers.ofString())
        .handle((response, failure) -> {
          current.step(step, System.nanoTime() - sent);
          if (failure != null) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            throw new IllegalStateException(step + ": " + cause.getClass().getSimpleName());
          }
          if (response.statusCode() != want) {
            throw new IllegalStateException(step + ": HTTP " + response.statusCode());
          }
          return response;
        });
  }

  private static String json(String body, String field) {
    return match(Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\""), body);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in response");
    }
    return matcher.group(1);
  }

  /** Latencies of the lifecycles that succeeded, errors counted by their message. */
  static final class Result {
    final int started;
    final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> errors = Collections.synchronizedMap(new TreeMap<>());
    final Map<String, List<Double>> steps = new ConcurrentHashMap<>();
    double seconds;

    Result(int started) {
      this.started = started;
    }

    void step(String step, long nanos) {
      steps.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>()))
          .add(nanos / 1e6);
    }

    String steps() {
      StringBuilder line = new StringBuilder();
      for (String step : List.of("create", "page", "pay", "verify")) {
        List<Double> all = steps.getOrDefault(step, List.of());
        line.append(String.format("  %s %.1f/%.1f", step, pct(all, 50), pct(all, 99)));
      }
      return line.toString();
    }

    void fail(String error) {
      errors.merge(error, 1, Integer::sum);
    }

    int errorCount() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    double perSecond() {
      return latencies.size() / seconds;
    }

    double pct(double p) {
      return pct(latencies, p);
    }

    static double pct(List<Double> values, double p) {
      List<Double> sorted;
      synchronized (values) {
        sorted = new ArrayList<>(values);
      }
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      return sorted.get((int) Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
    }
  }
}
