package io.tasvie.settlement.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
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
        .body("[2].holidays.source", contains("RULE", "RULE"))
        .body("[2].holidays.rule", contains("nowruz", "eid-al-fitr-2"))
        .body("[6].businessDay", equalTo(true));
  }

  /** Issue #21: no file announces 1406, and Nowruz 1406 (21–24 March 2027) is still no payday. */
  @Test
  void nowruzIsNoBusinessDayInAYearNoFileAnnounces() {
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .queryParam("from", "2027-03-18")
        .queryParam("to", "2027-03-26")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(200)
        .body("", hasSize(9))
        .body("findAll { it.businessDay }.date", contains("2027-03-18", "2027-03-25"))
        .body("[1].dayOfWeek", equalTo("FRIDAY"))
        .body("[2].jalali", equalTo("1405-12-29"))
        .body("[2].holiday", equalTo("Oil Nationalisation Day"))
        .body("[3].jalali", equalTo("1406-01-01"))
        .body("[3].holidays", hasSize(1))
        .body("[3].holidays[0].name", equalTo("Nowruz"))
        .body("[3].holidays[0].source", equalTo("RULE"))
        .body("[3].holidays[0].rule", equalTo("nowruz"))
        .body("[6].jalali", equalTo("1406-01-04"))
        .body("[6].holiday", equalTo("Nowruz"))
        .body("[7].holidays", hasSize(0));
  }

  @Test
  void anAnnouncedLunarDayReplacesTheDayTheRuleComputed() {
    // calendars/IR/1409.txt (test resources) moves Eid al-Fitr from 24 to 25 January 2031.
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .queryParam("from", "2031-01-24")
        .queryParam("to", "2031-01-30")
        .get("/v1/calendars/IR/business-days")
        .then()
        .statusCode(200)
        .body("[0].holidays", hasSize(0))
        .body("[1].holidays.name", contains("Eid al-Fitr (as announced)"))
        .body("[1].holidays.source", contains("ANNOUNCED"))
        .body("[1].holidays.moves", contains("eid-al-fitr"))
        .body("[2].holiday", equalTo("Eid al-Fitr (2nd day, as announced)"))
        .body("[3].businessDay", equalTo(true))
        .body("[6].holidays.name", contains("Day of mourning"))
        .body("[6].holidays.moves", contains((Object) null))
        .body("[6].businessDay", equalTo(false));

    // An admin: Kosovo celebrates Eid al-Adha 2031 on Thursday, not on Umm al-Qura's Wednesday.
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2031-04-03\",\"name\":\"Eid al-Adha\",\"moves\":\"eid-al-adha\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(TestTokens.token("finance"))
        .queryParam("from", "2031-04-02")
        .queryParam("to", "2031-04-03")
        .get("/v1/calendars/XK/business-days")
        .then()
        .statusCode(200)
        .body("businessDay", contains(true, false))
        .body("[1].holidays.source", contains("ANNOUNCED"));
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
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2031-04-03\",\"name\":\"x\",\"moves\":\"christmas\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:unknown-holiday-rule"));
    given()
        .auth()
        .oauth2(TestTokens.token("admin"))
        .contentType(ContentType.JSON)
        .body("{\"date\":\"2031-06-03\",\"name\":\"x\",\"moves\":\"eid-al-adha\"}")
        .post("/v1/calendars/XK/holidays")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tasvie:problem:no-rule-day-near-date"));
    given().get("/v1/calendars/IR/business-days").then().statusCode(401);
  }
}
