package io.tasvie.settlement.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tasvie.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CalendarResourceTest {

  @Test
  void financeSeesEachDayWithItsJalaliDateAndWhyItIsNoBusinessDay() {
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .queryParam("from", "2026-03-19")
        .queryParam("to", "2026-03-25")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(200)
        .body("", hasSize(7))
        .body("[0].date", equalTo("2026-03-19"))
        .body("[0].jalali", equalTo("1404-12-28"))
        .body("[0].businessDay", equalTo(true))
        .body("[1].dayOfWeek", equalTo("FRIDAY"))
        .body("[1].businessDay", equalTo(false))
        .body("[2].jalali", equalTo("1405-01-01"))
        .body("[2].holiday", equalTo("Nowruz / Eid al-Fitr (2nd day)"))
        .body("[6].businessDay", equalTo(true));
  }

  @Test
  void anAdminAddsAHolidayAndItCountsAtOnce() {
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2026-12-02\",\"name\":\"Snow day\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .queryParam("from", "2026-12-02")
        .queryParam("to", "2026-12-02")
        .get("/v1/calendars/xk/business-days")
        .then()
        .statusCode(200)
        .body("[0].businessDay", equalTo(false))
        .body("[0].holiday", equalTo("Snow day"));
  }

  @Test
  void badRequestsAreProblems() {
    String finance = TestTokens.token("finance");
    given()
        .auth()
        .oauth2(finance)
        .queryParam("from", "2026-01-01")
        .queryParam("to", "2026-01-02")
        .get("/v1/calendars/ZZ/business-days")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:unknown-country"));
    given()
        .auth()
        .oauth2(finance)
        .queryParam("from", "2026-02-30")
        .queryParam("to", "2026-03-02")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:invalid-date-range"));
    given()
        .auth()
        .oauth2(finance)
        .queryParam("from", "2026-03-02")
        .queryParam("to", "2026-03-01")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(finance)
        .queryParam("from", "2020-01-01")
        .queryParam("to", "2026-01-01")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2026-12-03\",\"name\":\"Finance may not\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2026-13-03\",\"name\":\"x\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(400);
    given().get("/v1/calendars/IR/business-days").then().statusCode(401);
  }
}
