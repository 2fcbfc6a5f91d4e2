package io.tasvie.gateway.settings.service;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.settings.Environment;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a merchant's server is told of its payments. In production the address must be https and
 * public: never loopback, private, link-local or otherwise internal, so that a notify URL cannot
 * point the platform at its own network. The sandbox takes http and local addresses, for a
 * merchant's development machine.
 */
@ApplicationScoped
public class NotifyUrls {

  private final Vertx vertx;

  public NotifyUrls(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Checks {@code url} for {@code environment}; resolves its host name on a worker thread and
   * answers on the caller's context.
   */
  public Uni<Void> check(String url, Environment environment) {
    if (url == null) {
      return Uni.createFrom().voidItem();
    }
    URI uri = parse(url);
    if (environment != Environment.PRODUCTION) {
      return Uni.createFrom().voidItem();
    }
    if (!uri.getScheme().equalsIgnoreCase("https")) {
      return Uni.createFrom()
          .failure(
              ProblemException.badRequest(
                  "notify-url-not-https", "In production the notify URL must be an https address"));
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (isInternalName(host)) {
      return Uni.createFrom().failure(notPublic(host));
    }
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(() -> resolve(host)).toCompletionStage())
        .invoke(
            addresses -> {
              for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                  throw notPublic(host + " (" + address.getHostAddress() + ")");
                }
              }
            })
        .replaceWithVoid();
  }

  /** The URL as a URI, or 400 invalid-notify-url. */
  public static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("The notify URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid("The notify URL must be an http or https address");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw invalid("The notify URL must name a host, and no user or fragment");
    }
    return uri;
  }

  /**
   * Whether the platform may send to {@code address}: not loopback, private (RFC 1918, unique
   * local), link-local, carrier-grade NAT, multicast or unspecified.
   */
  public static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first != 0 && !(first == 100 && second >= 64 && second < 128); // 0/8, 100.64/10
    }
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    }
    return true;
  }

  private static boolean isInternalName(String host) {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || !host.contains(".") && !host.contains(":");
  }

  /** The host's addresses; a name that does not resolve now is checked at each delivery. */
  private static InetAddress[] resolve(String host) {
    try {
      return InetAddress.getAllByName(
          host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return new InetAddress[0];
    }
  }

  private static ProblemException notPublic(String what) {
    return ProblemException.badRequest(
        "notify-url-not-public",
        "In production the notify URL must be a public address, not " + what);
  }

  private static ProblemException invalid(String detail) {
    return ProblemException.badRequest("invalid-notify-url", detail);
  }
}
