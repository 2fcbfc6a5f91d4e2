package io.tasvie.gateway.page;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** The page's words in a language, and the readable error page. */
@ApplicationScoped
public class Pages {

  private final Template error;

  public Pages(@Location("error.html") Template error) {
    this.error = error;
  }

  public PageMessages messages(PageLocale locale) {
    return MessageBundles.get(
        PageMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale.tag()));
  }

  public Uni<Response> notFound(PageLocale locale) {
    return error(404, locale, messages(locale).notFound());
  }

  /** A readable page that says what went wrong, in the payer's language. */
  public Uni<Response> error(int status, PageLocale locale, String message) {
    return error
        .data("lang", locale.tag())
        .data("dir", locale.direction())
        .data("message", message)
        .setLocale(locale.locale())
        .createUni()
        .map(html -> PageResponses.html(status, html));
  }
}
