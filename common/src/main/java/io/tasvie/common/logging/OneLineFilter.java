package io.tasvie.common.logging;

import io.quarkus.logging.LoggingFilter;
import io.tasvie.common.check.Text;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps every log record on its own line: control characters in the message and in its parameters
 * (where client text such as a terminal's frame id ends up) are escaped as {@code \\uXXXX}, so a
 * client can never start a forged log line. Stack traces are left as they are.
 */
@LoggingFilter(name = OneLineFilter.NAME)
public final class OneLineFilter implements Filter {

  public static final String NAME = "tasvie-one-line";

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record.getMessage();
    String escaped = Text.forLog(message);
    if (escaped != message && !isFramework(record)) { // forLog returns its input when clean
      if (record instanceof ExtLogRecord ext) {
        ext.setMessage(escaped, ext.getFormatStyle()); // keep printf-style messages printf-style
      } else {
        record.setMessage(escaped);
      }
    }
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof CharSequence text) {
          parameters[i] = Text.forLog(text);
        }
      }
    }
    return true;
  }

  /** Quarkus's own multi-line messages (the banner, configuration reports) stay as they are. */
  private static boolean isFramework(LogRecord record) {
    String logger = record.getLoggerName();
    return logger != null && (logger.startsWith("io.quarkus") || logger.startsWith("io.smallrye"));
  }
}
