package io.tasvie.notify.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tasvie.smsc.LocalSmsc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/**
 * A real SMSC (the local one, over TCP) and a real SMTP server (GreenMail) on free ports, for every
 * test of this module: notify-svc under test never reaches the SMSC or mail server of a running
 * {@code deploy/tasvie up}.
 */
@QuarkusTestResource(value = MessagingServers.class, restrictToAnnotatedClass = false)
public class MessagingServers implements QuarkusTestResourceLifecycleManager {

  private static LocalSmsc smsc;
  private static LocalSmsc.Config smscConfig;
  private static GreenMail mail;

  public static LocalSmsc smsc() {
    return smsc;
  }

  public static GreenMail mail() {
    return mail;
  }

  /** Takes the SMSC away (sessions cut, port closed) until {@link #startSmsc()}. */
  public static synchronized void stopSmsc() {
    smsc.close();
  }

  /** An SMSC again on the same port; it remembers nothing of the one before. */
  public static synchronized void startSmsc() {
    try {
      smsc = LocalSmsc.start(smscConfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> start() {
    smscConfig = new LocalSmsc.Config(freePort(), "tasvie", "tasvie", Duration.ofMillis(20));
    startSmsc();
    int smtp = freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
    mail.start();
    return Map.of(
        "tasvie.smpp.port", Integer.toString(smscConfig.port()),
        "quarkus.mailer.port", Integer.toString(smtp));
  }

  @Override
  public void stop() {
    smsc.close();
    mail.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
