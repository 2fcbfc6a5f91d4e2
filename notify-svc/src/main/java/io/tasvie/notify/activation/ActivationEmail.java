package io.tasvie.notify.activation;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.tasvie.notify.receipt.ReceiptRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The e-mail that carries a terminal's activation code, from {@code
 * templates/activation/<lang>.txt} (first line the subject, the rest the body), in the same
 * languages as receipts.
 */
@ApplicationScoped
public class ActivationEmail {

  public record Rendered(String subject, String body) {}

  private final Engine engine;

  public ActivationEmail(Engine engine) {
    this.engine = engine;
  }

  public Rendered render(
      String terminalId, String code, Instant expiresAt, ZoneId zone, String language) {
    Template template = engine.getTemplate("activation/" + language + ".txt");
    if (template == null || !ReceiptRenderer.LANGUAGES.containsKey(language)) {
      throw new IllegalArgumentException("no activation template for language " + language);
    }
    String text =
        template
            .data("terminal", terminalId)
            .data("code", code)
            .data(
                "expires",
                ReceiptRenderer.dateTime(expiresAt, zone, ReceiptRenderer.LANGUAGES.get(language)))
            .render();
    int newline = text.indexOf('\n');
    return new Rendered(text.substring(0, newline).strip(), text.substring(newline + 1).strip());
  }
}
