package io.tasvie.notify.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.tasvie.notify.config.NotifyConfig;
import io.tasvie.notify.dispatch.Outcome;
import io.tasvie.notify.dispatch.Outgoing;
import io.tasvie.notify.dispatch.Sender;
import io.tasvie.notify.message.Message.Channel;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * E-mail over SMTP (Quarkus Mailer). The Message-ID is the message's own id, so that a send
 * repeated after an unknown outcome is recognisably the same e-mail. A 5xx reply is final, anything
 * else is tried again.
 */
@ApplicationScoped
public class EmailSender implements Sender {

  private final ReactiveMailer mailer;
  private final NotifyConfig config;

  public EmailSender(ReactiveMailer mailer, NotifyConfig config) {
    this.mailer = mailer;
    this.config = config;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public CompletionStage<Outcome> send(Outgoing message) {
    String messageId = "<" + message.id() + "@tasvie>";
    Mail mail =
        Mail.withText(message.recipient(), message.subject(), message.body())
            .setFrom(config.emailFrom())
            .addHeader("Message-ID", messageId);
    return mailer
        .send(mail)
        .<Outcome>map(sent -> new Outcome.Submitted(List.of(messageId)))
        .onFailure()
        .recoverWithItem(EmailSender::outcome)
        .subscribeAsCompletionStage();
  }

  private static Outcome outcome(Throwable failure) {
    if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
      return new Outcome.Failed(
          "SMTP server refused: " + smtp.getReplyCode() + " " + smtp.getMessage());
    }
    return new Outcome.Retry("SMTP: " + failure.getMessage(), false);
  }
}
