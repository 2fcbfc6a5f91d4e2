package io.tasvie.common.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a socket, so that the fuzzer can send what {@code java.net.URI}
 * and friendlier clients refuse to: bad percent escapes, bytes that are not UTF-8, any header.
 */
final class RawHttp {

  record Response(int status, Map<String, String> headers, String body) {
    String contentType() {
      String type = headers.get("content-type");
      return type == null ? "" : type;
    }

    /** The media type without parameters, lower case. */
    String mediaType() {
      String type = contentType();
      int semicolon = type.indexOf(';');
      return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
  }

  private final String host;
  private final int port;

  RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends the request; {@code target} is the path and query as they go on the request line. */
  Response send(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(Integer.getInteger("tasvie.fuzz.read-timeout-ms", 10_000));
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      write(head, method + " " + target + " HTTP/1.1\r\n");
      write(head, "Host: " + host + ":" + port + "\r\n");
      write(head, "Connection: close\r\n");
      write(head, "Accept: */*\r\n");
      for (Map.Entry<String, String> header : headers.entrySet()) {
        write(head, header.getKey() + ": " + header.getValue() + "\r\n");
      }
      if (body != null) {
        write(head, "Content-Length: " + body.length + "\r\n");
      } else if (!method.equals("GET") && !method.equals("DELETE")) {
        write(head, "Content-Length: 0\r\n");
      }
      write(head, "\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException e) {
          // the server may answer (413) and close before reading a huge body: read what it said
        }
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IOException(
          "no complete response: " + new String(all, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeText.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(chunked, start, Math.min(size, chunked.length - start));
      at = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    return indexOf(data, 0, pattern);
  }

  private static int indexOf(byte[] data, int from, byte[] pattern) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
