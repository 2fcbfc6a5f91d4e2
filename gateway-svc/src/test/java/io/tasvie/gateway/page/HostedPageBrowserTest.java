package io.tasvie.gateway.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted page in a real browser (Debian's chromium, headless, through its chromedriver): a
 * payer fills in a test card, pays, sees the invoice and lands back on the merchant's site.
 */
@QuarkusTest
class HostedPageBrowserTest {

  @TestHTTPResource("/")
  URL gateway;

  HttpServer shop;
  BlockingQueue<URI> returns = new ArrayBlockingQueue<>(10);
  WebDriver browser;
  Onboarded merchant;

  @BeforeEach
  void start() throws Exception {
    shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    shop.createContext(
        "/back",
        exchange -> {
          returns.add(exchange.getRequestURI());
          byte[] body =
              "<html><body><h1 id=\"thanks\">Thank you</h1></body></html>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    shop.start();
    merchant = Merchants.onboard("Ketab Shop", List.of("localhost", "shop.example.ir"));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("tasvie.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new java.io.File(
                    System.getProperty("tasvie.chromedriver", "/usr/bin/chromedriver")))
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    shop.stop(0);
  }

  @Test
  void aPayerPaysWithATestCardAndReturnsToTheShop() throws Exception {
    String reference = "B-" + UUID.randomUUID();
    String returnUrl = "http://localhost:" + shop.getAddress().getPort() + "/back";
    ExtractableResponse<Response> created =
        Checkout.create(
            merchant,
            "{\"merchantReference\":\""
                + reference
                + "\",\"amount\":250000,\"currency\":\"IRR\",\"description\":\"Notebook\","
                + "\"payerName\":\"<script>document.title='pwned'</script>\","
                + "\"redirectUrl\":\""
                + returnUrl
                + "\"}");
    UUID paymentId = UUID.fromString(created.path("paymentId"));
    String pageUrl = created.path("paymentPageUrl");

    browser.get(pageUrl + "?lang=en");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    assertEquals("250,000 IRR", browser.findElement(By.id("amount")).getText());
    assertEquals(
        "<script>document.title='pwned'</script>", browser.findElement(By.id("payer")).getText());
    assertTrue(browser.getTitle().contains("Ketab Shop"), browser.getTitle());
    wait.until(d -> !d.findElement(By.id("countdown")).getText().isEmpty());

    // A mistyped number is caught in the page before anything is sent.
    fill("4006090000000008", "12/30", "123");
    browser.findElement(By.id("pay")).click();
    wait.until(ExpectedConditions.textToBe(By.id("error"), "The card number is not valid."));
    // Still the same page with what was typed: the script stopped it, no round trip re-rendered it.
    assertEquals(
        "4006090000000008", browser.findElement(By.id("cardNumber")).getDomProperty("value"));
    Checkout.get(merchant, paymentId).response().then().statusCode(200);
    assertEquals("CREATED", Checkout.get(merchant, paymentId).path("status"));

    fill(Checkout.APPROVED_CARD, "12/30", "123");
    browser.findElement(By.id("cardholder")).sendKeys("Sara Ahmadi");
    browser.findElement(By.id("pay")).click();

    wait.until(ExpectedConditions.textToBe(By.id("outcome"), "Payment successful"));
    assertEquals("400609******0007", browser.findElement(By.id("card")).getText());
    assertEquals("AUTHORIZED", Checkout.get(merchant, paymentId).path("status"));

    browser.findElement(By.id("return")).click();
    URI landed = returns.poll(15, TimeUnit.SECONDS);
    assertTrue(landed != null, "the browser never reached the shop");
    assertTrue(landed.getQuery().contains("Res=" + reference), landed.toString());
    assertTrue(landed.getQuery().contains("Status=OK"), landed.toString());
    wait.until(ExpectedConditions.textToBe(By.id("thanks"), "Thank you"));
  }

  @Test
  void thePersianPageReadsRightToLeft() {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    browser.get(gateway + "pay/" + paymentId + "?lang=fa");
    assertEquals("rtl", browser.findElement(By.tagName("html")).getAttribute("dir"));
    assertEquals("۱۲۰٬۰۰۰ ریال", browser.findElement(By.id("amount")).getText());
  }

  private void fill(String card, String expiry, String cvc) {
    for (String[] field : new String[][] {{"cardNumber", card}, {"expiry", expiry}, {"cvc", cvc}}) {
      var input = browser.findElement(By.id(field[0]));
      input.clear();
      input.sendKeys(field[1]);
    }
  }
}
