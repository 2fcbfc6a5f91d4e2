package io.tasvie.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

class OneLineFilterTest {

  private final PatternFormatter format = new PatternFormatter("%-5p %s%n");

  @Test
  void aForgedFrameIdInAParameterStaysOnItsLine() {
    ExtLogRecord record =
        new ExtLogRecord(
            org.jboss.logmanager.Level.WARN,
            "duplicate frame %s",
            ExtLogRecord.FormatStyle.PRINTF,
            OneLineFilterTest.class.getName());
    record.setParameters(new Object[] {"f-1\n07:59:59.999 ERROR [FORGED] admin logged in"});
    record.setLoggerName("io.tasvie.terminal.session.Session");

    assertTrue(new OneLineFilter().isLoggable(record));

    String line = format.format(record);
    assertEquals(1, line.split("\n", -1).length - 1, line);
    assertEquals(
        "WARN  duplicate frame f-1\\u000a07:59:59.999 ERROR [FORGED] admin logged in\n", line);
  }

  @Test
  void clientTextConcatenatedIntoTheMessageIsEscapedToo() {
    ExtLogRecord record =
        new ExtLogRecord(
            org.jboss.logmanager.Level.INFO,
            "refund for x\r\nERROR forged",
            ExtLogRecord.FormatStyle.NO_FORMAT,
            OneLineFilterTest.class.getName());
    record.setLoggerName("io.tasvie.gateway.payment.PaymentService");

    new OneLineFilter().isLoggable(record);

    assertEquals("INFO  refund for x\\u000d\\u000aERROR forged\n", format.format(record));
  }
}
