package io.tasvie.common.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void refusesNulControlsDelAndLoneSurrogates() {
    assertEquals(1, Text.firstForbidden("a\u0000b"));
    assertEquals(0, Text.firstForbidden("\u0007"));
    assertEquals(2, Text.firstForbidden("ab\u007f"));
    assertEquals(0, Text.firstForbidden("\ud800x"));
    assertEquals(1, Text.firstForbidden("x\udc00"));
    assertEquals(1, Text.firstForbidden("x\ud800"));
    assertTrue(Text.whyRefused("a\u0000").contains("U+0000"));
    assertTrue(Text.whyRefused("\ud800").contains("surrogate"));
  }

  @Test
  void acceptsTabsNewlinesPersianAndEmoji() {
    assertTrue(Text.isClean("Two books\n\tand a pen\r\n"));
    assertTrue(Text.isClean("کتاب فروشی"));
    assertTrue(Text.isClean("thanks \ud83d\ude00"));
    assertTrue(Text.isClean(null));
    assertNull(Text.whyRefused("clean"));
  }

  @Test
  void forLogKeepsEverythingOnOneLine() {
    String forged = "id-1\n07:59:59.999 ERROR [FORGED] admin logged in\r\u0000\u2028";
    String logged = Text.forLog(forged);
    assertFalse(logged.contains("\n") || logged.contains("\r") || logged.contains("\u0000"));
    assertEquals(
        "id-1\\u000a07:59:59.999 ERROR [FORGED] admin logged in\\u000d\\u0000\\u2028", logged);
    String clean = "TM000016 \ud83d\ude00";
    assertSame(clean, Text.forLog(clean));
    assertEquals("\\ud800x", Text.forLog("\ud800x"));
  }
}
