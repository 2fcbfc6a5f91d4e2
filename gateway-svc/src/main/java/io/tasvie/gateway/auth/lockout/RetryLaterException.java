package io.tasvie.gateway.auth.lockout;

import io.tasvie.common.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A problem answered with {@code Retry-After}: a locked credential or a throttled source. */
public class RetryLaterException extends ProblemException {

  private final long retryAfterSeconds;

  public RetryLaterException(
      int status,
      String type,
      String title,
      String detail,
      Instant until,
      Map<String, Object> extensions) {
    super(status, type, title, detail, extensions);
    this.retryAfterSeconds =
        Math.max(1, (Duration.between(Instant.now(), until).toMillis() + 999) / 1000);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
