package io.tasvie.common.testing;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;

/** Assertions on RFC 9457 answers that every service's tests share. */
public final class Problems {

  private Problems() {}

  /** 400 {@code invalid-request} whose first violation names {@code field}. */
  public static void invalidField(ValidatableResponse response, String field) {
    response
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tasvie:problem:invalid-request"))
        .body("violations[0].field", equalTo(field));
  }
}
