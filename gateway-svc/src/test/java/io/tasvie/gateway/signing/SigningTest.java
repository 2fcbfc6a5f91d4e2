package io.tasvie.gateway.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tasvie.common.testing.Database;
import io.tasvie.gateway.Merchants;
import io.tasvie.gateway.Merchants.Onboarded;
import io.tasvie.gateway.payment.Checkout;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merchants' keys and signed requests, and the platform's published keys verifying what it signs.
 * Signatures here are made as the README tells merchants to, independently of the service's code.
 */
@QuarkusTest
class SigningTest {

  private static final Pattern RETURN = Pattern.compile("id=\"return\" href=\"([^\"]+)\"");

  @Inject Database database;

  Onboarded merchant;

  @BeforeEach
  void onboard() {
    merchant = Merchants.onboard();
  }

  @Test
  void thePlatformPublishesItsPublicKeysOnly() throws Exception {
    given()
        .get("/.well-known/tasvie-keys")
        .then()
        .statusCode(200)
        .contentType(containsString("application/jwk-set+json"))
        .body("keys", hasSize(1))
        .body("keys[0].kid", equalTo("1"))
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].use", equalTo("sig"))
        .body("keys[0].alg", equalTo("RS256"))
        .body("keys[0].d", equalTo(null))
        .body("keys[0].p", equalTo(null));
    String pem =
        given().get("/.well-known/tasvie-keys/1.pem").then().statusCode(200).extract().asString();
    JsonWebKeySet published = Published.keys();
    assertEquals(
        Base64.getEncoder()
            .encodeToString(
                ((org.jose4j.jwk.PublicJsonWebKey) published.getJsonWebKeys().get(0))
                    .getPublicKey()
                    .getEncoded()),
        pem.replaceAll("-----[A-Z ]+-----|\\s", ""),
        "the PEM is the published key");
    given().get("/.well-known/tasvie-keys/9.pem").then().statusCode(404);
  }

  @Test
  void theReturnLinkIsSignedWithAPublishedKey() throws Exception {
    UUID paymentId = Checkout.newPayment(merchant, 120_000);
    Checkout.pay(paymentId, Checkout.APPROVED_CARD).response().then().statusCode(303);
    String invoice = given().get("/pay/" + paymentId + "?lang=en").then().extract().asString();
    Matcher link = RETURN.matcher(invoice);
    assertTrue(link.find(), invoice);
    String sig = link.group(1).replace("&amp;", "&").replaceAll(".*[?&]Sig=([^&]+).*", "$1");

    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(sig);
    JsonWebKeySet published = Published.keys();
    assertEquals("1", jws.getKeyIdHeaderValue());
    jws.setKey(new VerificationJwkSelector().select(jws, published.getJsonWebKeys()).getKey());
    assertTrue(jws.verifySignature());
    JwtClaims claims = JwtClaims.parse(jws.getPayload());
    assertEquals(paymentId.toString(), claims.getSubject());
    assertEquals("OK", claims.getStringClaimValue("status"));
    assertEquals(120_000L, ((Number) claims.getClaimValue("amount")).longValue());
    assertEquals(List.of(merchant.number()), claims.getAudience());
  }

  @Test
  void rsaAndP256KeysAreTakenAndBadKeysRefused() throws Exception {
    upload(merchant, 1, pem(rsa(2048).getPublic()))
        .then()
        .statusCode(201)
        .body("algorithm", equalTo("RSA"))
        .body("bits", equalTo(2048))
        .body("status", equalTo("ACTIVE"));
    upload(merchant, 2, pem(ec("secp256r1").getPublic()))
        .then()
        .statusCode(201)
        .body("algorithm", equalTo("EC"))
        .body("bits", equalTo(256));

    Onboarded other = Merchants.onboard("Other Shop", List.of("other.example.ir"));
    Map<String, String> bad =
        Map.of(
            "invalid-public-key", "not a key",
            "key-too-weak", pem(rsa(1024).getPublic()),
            "unsupported-curve", pem(ec("secp384r1").getPublic()));
    for (Map.Entry<String, String> key : bad.entrySet()) {
      upload(merchant, 3, key.getValue())
          .then()
          .statusCode(400)
          .body("type", equalTo("urn:tasvie:problem:" + key.getKey()));
    }
    upload(merchant, 3, "-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:invalid-public-key"));
    upload(merchant, 1, pem(rsa(2048).getPublic()))
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:duplicate-key-index"));
    upload(merchant, 0, pem(rsa(2048).getPublic())).then().statusCode(400);
    upload(other, 3, pem(rsa(2048).getPublic()), merchant.id()).then().statusCode(404);

    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/merchants/" + merchant.id() + "/keys")
        .then()
        .statusCode(200)
        .body("keyIndex", equalTo(List.of(1, 2)));
    // Two uploads audited, none of the refused ones.
    given()
        .auth()
        .oauth2(merchant.token())
        .get("/v1/merchants/" + merchant.id() + "/settings/changes")
        .then()
        .body("changes.flatten().field", equalTo(List.of("publicKey[2]", "publicKey[1]")))
        .body("[1].changes[0].to", org.hamcrest.Matchers.startsWith("RSA 2048 "));
  }

  @Test
  void signedRequestsAreVerifiedAndRequiredWhenTheMerchantSaysSo() throws Exception {
    KeyPair rsa = rsa(2048);
    KeyPair ec = ec("secp256r1");
    upload(merchant, 1, pem(rsa.getPublic())).then().statusCode(201);
    upload(merchant, 2, pem(ec.getPublic())).then().statusCode(201);
    requireSignedRequests(true);

    String unsigned = body();
    create(unsigned, null, null)
        .then()
        .statusCode(401)
        .body("type", equalTo("urn:tasvie:problem:signature-required"));

    String first = body();
    create(first, "1", sign(rsa.getPrivate(), "SHA256withRSA", canonical(first)))
        .then()
        .statusCode(201);
    String second = body();
    create(second, "2", sign(ec.getPrivate(), "SHA256withECDSA", canonical(second)))
        .then()
        .statusCode(201);

    // A signature over another body, an unknown key, a wrong key, garbage: refused.
    String third = body();
    String signedOther = sign(rsa.getPrivate(), "SHA256withRSA", canonical(body()));
    assertRefused(create(third, "1", signedOther), "invalid-signature");
    assertRefused(
        create(third, "7", sign(rsa.getPrivate(), "SHA256withRSA", canonical(third))),
        "unknown-key-index");
    assertRefused(
        create(third, "2", sign(rsa.getPrivate(), "SHA256withRSA", canonical(third))),
        "invalid-signature");
    assertRefused(create(third, "1", "bm90IGEgc2lnbmF0dXJl"), "invalid-signature");
    assertRefused(create(third, "1", "***"), "invalid-signature");
    assertRefused(
        create(third, "one", sign(rsa.getPrivate(), "SHA256withRSA", canonical(third))),
        "unknown-key-index");

    // Revoked: refused at once, the other key still works.
    given()
        .auth()
        .oauth2(merchant.token())
        .delete("/v1/merchants/" + merchant.id() + "/keys/1")
        .then()
        .statusCode(200)
        .body("status", equalTo("REVOKED"));
    assertEquals(
        1,
        database.count(
            "select count(*) from merchant_settings_change where merchant_id = ?"
                + " and changes::text like '%REVOKED%'",
            merchant.id()));
    assertRefused(
        create(third, "1", sign(rsa.getPrivate(), "SHA256withRSA", canonical(third))),
        "key-revoked");
    assertEquals(
        2, database.count("select count(*) from payment where merchant_id = ?", merchant.id()));
    create(third, "2", sign(ec.getPrivate(), "SHA256withECDSA", canonical(third)))
        .then()
        .statusCode(201);

    // Without the requirement an unsigned request passes, but a bad signature never does.
    requireSignedRequests(false);
    create(body(), null, null).then().statusCode(201);
    assertRefused(create(body(), "2", signedOther), "invalid-signature");
  }

  @Test
  void theLegacyFormIsSignedOverItsFields() throws Exception {
    KeyPair rsa = rsa(2048);
    upload(merchant, 4, pem(rsa.getPublic())).then().statusCode(201);
    requireSignedRequests(true);
    String res = "L-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> values =
        List.of(merchant.number(), res, "120000", "Sara", "Two books", Checkout.RETURN_URL);
    String canonical =
        "tasvie-v1\nPOST\n/Payment.aspx\n"
            + Published.sha256Hex(String.join("\n", values).getBytes(StandardCharsets.UTF_8));

    // The payer's page (Persian here) names the problem code.
    legacy(values, null, null).then().statusCode(401).body(containsString("signature-required"));
    // Signed over an amount of 1 rial, sent with 120,000: refused.
    List<String> tampered = new java.util.ArrayList<>(values);
    tampered.set(2, "1");
    legacy(tampered, "4", sign(rsa.getPrivate(), "SHA256withRSA", canonical))
        .then()
        .statusCode(401)
        .body(containsString("invalid-signature"));
    legacy(values, "4", sign(rsa.getPrivate(), "SHA256withRSA", canonical))
        .then()
        .statusCode(303)
        .header("Location", containsString("/pay/"));
  }

  /** The README's openssl commands, run as a merchant would, make a signature the API takes. */
  @Test
  void aSignatureMadeWithOpensslIsAccepted(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("merchant-key.pem");
    run(
        dir,
        "openssl",
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        key.toString());
    run(dir, "openssl", "pkey", "-in", key.toString(), "-pubout", "-out", "merchant-public.pem");
    upload(merchant, 5, Files.readString(dir.resolve("merchant-public.pem")))
        .then()
        .statusCode(201);
    requireSignedRequests(true);
    String body = body();
    Files.writeString(dir.resolve("body.json"), body);

    String signature =
        run(
            dir,
            "sh",
            "-c",
            "printf 'tasvie-v1\\nPOST\\n/v1/payments\\n%s' \"$(openssl dgst -sha256 -r body.json"
                + " | cut -d' ' -f1)\" > canonical.txt && openssl dgst -sha256 -sign"
                + " merchant-key.pem canonical.txt | base64 -w0");

    create(body, "5", signature).then().statusCode(201);
  }

  private void requireSignedRequests(boolean required) {
    database.update(
        "update merchant_settings set require_signed_requests = ? where merchant_id = ?",
        required,
        merchant.id());
  }

  private static void assertRefused(Response response, String type) {
    response.then().statusCode(401).body("type", equalTo("urn:tasvie:problem:" + type));
  }

  private static String body() {
    return Checkout.body("SIG-" + UUID.randomUUID(), 120_000, "IRR");
  }

  private static String canonical(String body) {
    return "tasvie-v1\nPOST\n/v1/payments\n"
        + Published.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
  }

  private Response create(String body, String keyIndex, String signature) {
    var request = given().auth().oauth2(merchant.token()).contentType(ContentType.JSON).body(body);
    if (keyIndex != null) {
      request.header("Tasvie-Key-Index", keyIndex);
    }
    if (signature != null) {
      request.header("Tasvie-Signature", signature);
    }
    return request.post("/v1/payments");
  }

  private static Response legacy(List<String> values, String keyIndex, String signature) {
    var request =
        given()
            .redirects()
            .follow(false)
            .formParam("ID", values.get(0))
            .formParam("Res", values.get(1))
            .formParam("Amnt", values.get(2))
            .formParam("Nam", values.get(3))
            .formParam("Dsc", values.get(4))
            .formParam("RedirectURL", values.get(5));
    if (signature != null) {
      request.formParam("KeyIndex", keyIndex).formParam("Signature", signature);
    }
    return request.post("/Payment.aspx");
  }

  private static Response upload(Onboarded merchant, int keyIndex, String publicKey) {
    return upload(merchant, keyIndex, publicKey, merchant.id());
  }

  private static Response upload(Onboarded as, int keyIndex, String publicKey, UUID merchantId) {
    return given()
        .auth()
        .oauth2(as.token())
        .contentType(ContentType.JSON)
        .body(Map.of("keyIndex", keyIndex, "publicKey", publicKey))
        .post("/v1/merchants/" + merchantId + "/keys");
  }

  private static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String sign(PrivateKey key, String algorithm, String canonical) throws Exception {
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(key);
    signature.update(canonical.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertFalse(output.isBlank() && command[0].equals("sh"), "no signature printed");
    return output.strip();
  }
}
