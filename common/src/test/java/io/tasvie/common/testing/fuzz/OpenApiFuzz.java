package io.tasvie.common.testing.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tasvie.common.testing.fuzz.Hostile.Category;
import io.tasvie.common.testing.fuzz.Hostile.Value;
import io.tasvie.common.testing.fuzz.Schemas.Location;
import io.tasvie.common.testing.fuzz.Schemas.Operation;
import io.tasvie.common.testing.fuzz.Schemas.Slot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks every operation of a service's OpenAPI document and sends it hostile requests: first a
 * valid-looking one, then the same with one slot (path or query parameter, form field, JSON
 * property, SOAP element) replaced by a hostile value, then whole-request mutations (wrong content
 * type, no body, broken JSON, doubled and unknown fields, deep nesting, a huge body).
 *
 * <p>Every answer must be below 500 (a SOAP fault excepted), every 4xx must be {@code
 * application/problem+json} (pages may answer {@code text/html}, the legacy XML endpoints XML), a
 * value the platform's text rule refuses must be refused with 400, a malformed id, date or number
 * in the URL with 400 (not 404), a body of the wrong media type with 415, and a refused request
 * must leave every table's row count as it was. Reproducible from the seed; bounded by a count of
 * requests per operation and in all.
 */
public final class OpenApiFuzz {

  /** What a case demands beyond the invariants every answer keeps. */
  enum Expect {
    /** Only the invariants (no 5xx, problem+json for 4xx, no change when refused). */
    ANYTHING,
    /**
     * A 4xx; pages and the legacy XML endpoints may instead show the error with nothing changed.
     */
    REFUSED,
    /** Exactly 400 (422 too for a JSON property): an invalid request. */
    INVALID,
    /** 415: a body of a media type the operation does not take. */
    UNSUPPORTED
  }

  record Case(
      Operation operation,
      String what,
      Category category,
      Expect expect,
      String target,
      Map<String, String> headers,
      byte[] body) {

    String reproduce() {
      StringBuilder out = new StringBuilder();
      out.append(operation.method())
          .append(' ')
          .append(
              target.length() > 240
                  ? target.substring(0, 240) + "…(" + target.length() + ")"
                  : target);
      headers.forEach(
          (name, value) ->
              out.append("\n      ")
                  .append(name)
                  .append(": ")
                  .append(name.equals("Authorization") ? "Bearer <" + role(value) + ">" : value));
      if (body != null) {
        String text = new String(body, StandardCharsets.UTF_8);
        out.append("\n      body (")
            .append(body.length)
            .append(" bytes): ")
            .append(Hostile.describe(text.length() > 600 ? text.substring(0, 600) : text));
      }
      return out.toString();
    }

    private static String role(String authorization) {
      return authorization.length() > 20 ? "token" : authorization;
    }
  }

  /** A broken rule: which, where, and the first request that broke it. */
  public record Failure(String key, String rule, String example, int[] count) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper READ = new ObjectMapper();
  private static final ObjectMapper WRITE =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final Builder config;
  private final RawHttp http;
  private final Hostile hostile;
  private final Schemas schemas;
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private int sent;
  private Map<String, Long> counts;

  private OpenApiFuzz(Builder config, JsonNode document) {
    this.config = config;
    this.http = new RawHttp(config.host, config.port);
    Random random = new Random(config.seed);
    this.hostile = new Hostile(random);
    this.schemas = new Schemas(document, random);
  }

  public static Builder forService(String service) {
    return new Builder(service);
  }

  /** How to fuzz one service: where it is, whose tokens, which ids, which bodies are valid. */
  public static final class Builder {
    private final String service;
    private String host = "localhost";
    private int port;
    private long seed = 26;
    private int casesPerOperation = 48;
    private int maxRequests = 2_500;
    private Function<String, String> tokens;
    private List<String> rolePreference =
        List.of("admin", "merchant", "finance", "wallet", "terminal");
    private final Map<String, String> rolesByOperation = new HashMap<>();
    private final Map<String, String> pathValues = new HashMap<>();
    private final Map<String, Map<String, String>> queries = new HashMap<>();
    private final Map<String, String> bodies = new HashMap<>();
    private final Map<String, Map<String, String>> extraHeaders = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private Predicate<Operation> page = op -> op.responseTypes().contains("text/html");
    private Predicate<Operation> legacyXml = op -> false;
    private TableCounts tables;

    private Builder(String service) {
      this.service = service;
    }

    public Builder at(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** The seed of every random choice; {@code -Dtasvie.fuzz.seed=} overrides it. */
    public Builder seed(long seed) {
      this.seed = Long.getLong("tasvie.fuzz.seed", seed);
      return this;
    }

    /** At most this many requests per operation ({@code -Dtasvie.fuzz.cases=} overrides it). */
    public Builder casesPerOperation(int cases) {
      this.casesPerOperation = Integer.getInteger("tasvie.fuzz.cases", cases);
      return this;
    }

    public Builder maxRequests(int max) {
      this.maxRequests = Integer.getInteger("tasvie.fuzz.max-requests", max);
      return this;
    }

    /** The token for a role (of those the operation's security names). */
    public Builder tokens(Function<String, String> tokens) {
      this.tokens = tokens;
      return this;
    }

    public Builder rolePreference(String... roles) {
      this.rolePreference = List.of(roles);
      return this;
    }

    /** Sends {@code operation} ("POST /v1/x/{id}") with this role's token. */
    public Builder role(String operation, String role) {
      rolesByOperation.put(operation, role);
      return this;
    }

    /** The valid value of a path parameter, for every operation that has it. */
    public Builder path(String name, Object value) {
      pathValues.put(name, String.valueOf(value));
      return this;
    }

    /** The valid value of a path parameter of one operation ("POST /v1/x/{id}"). */
    public Builder path(String operation, String name, Object value) {
      pathValues.put(operation + "#" + name, String.valueOf(value));
      return this;
    }

    /** Valid query parameters of an operation. */
    public Builder query(String operation, Map<String, String> parameters) {
      queries.put(operation, parameters);
      return this;
    }

    /**
     * A valid body of an operation: JSON, form fields as JSON object, or for XML a template whose
     * {@code {{name}}} placeholders are the slots, written {@code {{name}}=value} on its first
     * line.
     */
    public Builder body(String operation, String body) {
      bodies.put(operation, body);
      return this;
    }

    public Builder header(String operation, String name, String value) {
      extraHeaders.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(name, value);
      return this;
    }

    /** Leaves an operation out (say why in the test). */
    public Builder skip(String operation) {
      skipped.add(operation);
      return this;
    }

    /** The operations documented as HTML pages (default: those with a text/html response). */
    public Builder pages(Predicate<Operation> pages) {
      this.page = pages;
      return this;
    }

    /** The operations that answer XML (PayRep, SOAP): a SOAP fault may come with 500. */
    public Builder legacyXml(Predicate<Operation> xml) {
      this.legacyXml = xml;
      return this;
    }

    public Builder tables(TableCounts tables) {
      this.tables = tables;
      return this;
    }

    /** Fetches the document and runs; returns the report. */
    public Report run() throws IOException {
      RawHttp.Response document =
          new RawHttp(host, port).send("GET", "/q/openapi?format=json", Map.of(), null);
      if (document.status() != 200) {
        throw new IllegalStateException("/q/openapi answered " + document.status());
      }
      java.nio.file.Path target = java.nio.file.Path.of("target");
      if (java.nio.file.Files.isDirectory(target)) {
        java.nio.file.Files.writeString(target.resolve("fuzz-openapi.json"), document.body());
      }
      OpenApiFuzz fuzz = new OpenApiFuzz(this, READ.readTree(document.body()));
      return fuzz.runAll();
    }
  }

  /** What a run found. */
  public record Report(
      String service,
      long seed,
      int operations,
      int requests,
      List<Failure> failures,
      List<String> notes) {

    public boolean clean() {
      return failures.isEmpty();
    }

    /** Every distinct failure with its count and a reproducing request. */
    public String describe() {
      StringBuilder out = new StringBuilder();
      out.append(service)
          .append(": ")
          .append(failures.size())
          .append(" distinct failures in ")
          .append(requests)
          .append(" requests over ")
          .append(operations)
          .append(" operations (seed ")
          .append(seed)
          .append("; rerun with -Dtasvie.fuzz.seed=")
          .append(seed)
          .append(")\n");
      int i = 1;
      for (Failure failure : failures) {
        out.append(
            String.format(
                Locale.ROOT,
                "%3d. %s%n     %s (x%d)%n     e.g. %s%n",
                i++,
                failure.key(),
                failure.rule(),
                failure.count()[0],
                failure.example()));
      }
      for (String note : notes) {
        out.append("note: ").append(note).append('\n');
      }
      return out.toString();
    }
  }

  private Report runAll() {
    List<Operation> operations = schemas.operations();
    int walked = 0;
    counts = config.tables == null ? Map.of() : config.tables.settled(3_000);
    for (Operation operation : operations) {
      if (config.skipped.contains(operation.key()) || operation.path().startsWith("/q/")) {
        continue;
      }
      walked++;
      List<Case> cases = cases(operation);
      for (Case c : cases) {
        if (sent >= config.maxRequests) {
          notes.add("stopped at " + config.maxRequests + " requests");
          return report(walked);
        }
        run(c);
      }
    }
    return report(walked);
  }

  private Report report(int walked) {
    return new Report(
        config.service, config.seed, walked, sent, new ArrayList<>(failures.values()), notes);
  }

  // ------------------------------------------------------------------------------ the requests

  private final class Request {
    final Operation operation;
    final Map<String, String> path = new LinkedHashMap<>(); // encoded
    final Map<String, String> query = new LinkedHashMap<>(); // encoded, null = leave out
    final Map<String, String> headers = new LinkedHashMap<>();
    String contentType;
    JsonNode json; // JSON body or form fields
    String xml; // XML template
    Map<String, String> xmlValues = new LinkedHashMap<>();
    byte[] raw; // a body sent as is
    boolean noBody;

    Request(Operation operation) {
      this.operation = operation;
    }

    Request copy() {
      Request copy = new Request(operation);
      copy.path.putAll(path);
      copy.query.putAll(query);
      copy.headers.putAll(headers);
      copy.contentType = contentType;
      copy.json = json == null ? null : json.deepCopy();
      copy.xml = xml;
      copy.xmlValues.putAll(xmlValues);
      copy.raw = raw;
      copy.noBody = noBody;
      return copy;
    }

    Case toCase(String what, Category category, Expect expect) {
      String target = operation.path();
      for (Map.Entry<String, String> p : path.entrySet()) {
        target = target.replace("{" + p.getKey() + "}", p.getValue());
      }
      StringBuilder q = new StringBuilder();
      for (Map.Entry<String, String> p : query.entrySet()) {
        if (p.getValue() != null) {
          q.append(q.isEmpty() ? '?' : '&')
              .append(Hostile.encode(p.getKey()))
              .append('=')
              .append(p.getValue());
        }
      }
      Map<String, String> h = new LinkedHashMap<>(headers);
      byte[] body = null;
      if (!noBody) {
        if (raw != null) {
          body = raw;
        } else if (json != null
            && "application/x-www-form-urlencoded".equals(operation.bodyType())) {
          body = form(json).getBytes(StandardCharsets.US_ASCII);
        } else if (json != null) {
          body = write(json);
        } else if (xml != null) {
          body = xml(xml, xmlValues).getBytes(StandardCharsets.UTF_8);
        }
      }
      if (contentType != null) {
        h.put("Content-Type", contentType);
      }
      return new Case(operation, what, category, expect, target + q, h, body);
    }
  }

  private static String form(JsonNode fields) {
    StringBuilder out = new StringBuilder();
    fields
        .fields()
        .forEachRemaining(
            f -> {
              if (!out.isEmpty()) {
                out.append('&');
              }
              JsonNode v = f.getValue();
              String encoded =
                  v.isObject() && v.has("$encoded")
                      ? v.get("$encoded").asText()
                      : Hostile.encode(v.isTextual() ? v.asText() : v.toString());
              out.append(Hostile.encode(f.getKey())).append('=').append(encoded);
            });
    return out.toString();
  }

  private static String xml(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : xmlEscape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String xmlEscape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '&' -> out.append("&amp;");
        case '>' -> out.append("&gt;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append("&#").append((int) c).append(';');
          } else if (Character.isSurrogate(c)) {
            out.append("&#x").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static byte[] write(JsonNode json) {
    try {
      return WRITE.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Request baseline(Operation operation) {
    Request request = new Request(operation);
    String role = config.rolesByOperation.get(operation.key());
    if (role == null && operation.secured()) {
      role =
          config.rolePreference.stream()
              .filter(operation.roles()::contains)
              .findFirst()
              .orElse(
                  operation.roles().isEmpty()
                      ? config.rolePreference.get(0)
                      : operation.roles().get(0));
    }
    if (role != null && !role.equals("none")) {
      request.headers.put("Authorization", "Bearer " + config.tokens.apply(role));
    }
    request.headers.putAll(config.extraHeaders.getOrDefault(operation.key(), Map.of()));
    Map<String, String> queries = config.queries.getOrDefault(operation.key(), Map.of());
    for (JsonNode parameter : operation.parameters()) {
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      if ("path".equals(in)) {
        String value = config.pathValues.get(operation.key() + "#" + name);
        if (value == null) {
          value = config.pathValues.get(name);
        }
        if (value == null) {
          value = schemas.valid(parameter.path("schema"), name, 0).asText();
        }
        request.path.put(name, Hostile.encode(value));
      } else if ("query".equals(in)) {
        String value = queries.get(name);
        if (value == null && parameter.path("required").asBoolean(false)) {
          value = schemas.valid(parameter.path("schema"), name, 0).asText();
        }
        request.query.put(name, value == null ? null : Hostile.encode(value));
      }
    }
    queries.forEach((name, value) -> request.query.putIfAbsent(name, Hostile.encode(value)));
    String bodyType = operation.bodyType();
    if (bodyType != null) {
      request.contentType = bodyType.equals("*/*") ? "application/json" : bodyType;
      String given = config.bodies.get(operation.key());
      if (bodyType.contains("xml")) {
        request.xml = given == null ? "" : given;
        if (given != null && given.startsWith("{{")) {
          int newline = given.indexOf('\n');
          for (String pair : given.substring(0, newline).split(";")) {
            String[] kv = pair.split("=", 2);
            request.xmlValues.put(kv[0].replace("{{", "").replace("}}", "").trim(), kv[1]);
          }
          request.xml = given.substring(newline + 1);
        }
      } else if (given != null) {
        try {
          request.json = READ.readTree(given);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "the valid body of " + operation.key() + " is no JSON", e);
        }
      } else {
        request.json = schemas.valid(operation.bodyTypes().get(bodyType), "body", 0);
      }
    }
    return request;
  }

  private List<Case> cases(Operation operation) {
    Request base = baseline(operation);
    boolean page = config.page.test(operation);
    boolean xmlOp = config.legacyXml.test(operation);
    List<Case> core = new ArrayList<>();
    List<Case> extra = new ArrayList<>();
    int perSlot = Integer.getInteger("tasvie.fuzz.per-slot", 6);

    // path and query parameters
    for (JsonNode parameter : operation.parameters()) {
      String in = parameter.path("in").asText();
      if (!in.equals("path") && !in.equals("query")) {
        continue;
      }
      String name = parameter.path("name").asText();
      String current = in.equals("path") ? base.path.get(name) : base.query.get(name);
      JsonNode valid =
          JSON.textNode(
              current == null
                  ? schemas.valid(parameter.path("schema"), name, 0).asText()
                  : decode(current));
      Slot slot = schemas.parameterSlot(parameter, valid);
      List<Value> values = hostile.forParam(slot, perSlot);
      for (int i = 0; i < values.size(); i++) {
        Value value = values.get(i);
        Request r = base.copy();
        if (in.equals("path")) {
          if (value.param() == null) {
            continue;
          }
          r.path.put(name, value.param().isEmpty() ? "%20" : value.param());
        } else {
          r.query.put(name, value.param());
        }
        Expect expect = paramExpectation(slot, value);
        (i < 2 ? core : extra)
            .add(r.toCase(in + " " + name + " = " + value.label(), value.category(), expect));
      }
      if (in.equals("query")) {
        Request doubled = base.copy();
        doubled.query.remove(name);
        String first = current == null ? Hostile.encode(valid.asText()) : current;
        doubled.query.put(
            name, first + "&" + Hostile.encode(name) + "=" + Hostile.encode("other\u0000"));
        extra.add(
            doubled.toCase(
                "query " + name + " doubled, second with NUL",
                Category.FORBIDDEN_TEXT,
                Expect.ANYTHING));
      }
    }

    // the body's slots
    String bodyType = operation.bodyType();
    if (base.json != null && bodyType != null) {
      boolean form = bodyType.equals("application/x-www-form-urlencoded");
      List<Slot> slots =
          schemas.bodySlots(
              operation.bodyTypes().get(bodyType), base.json, form ? Location.FORM : Location.BODY);
      for (Slot slot : slots) {
        List<Value> values =
            form ? hostile.forParam(slot, perSlot) : hostile.forJson(slot, perSlot);
        for (int i = 0; i < values.size(); i++) {
          Value value = values.get(i);
          Request r = base.copy();
          if (form) {
            ObjectNode fields = (ObjectNode) r.json;
            if (value.param() == null) {
              fields.remove(slot.name());
            } else {
              fields.set(slot.name(), JSON.objectNode().put("$encoded", value.param()));
            }
          } else if (!set(r.json, slot.pointer(), value)) {
            continue;
          }
          Expect expect = bodyExpectation(slot, value, form);
          (i < 2 ? core : extra)
              .add(
                  r.toCase(
                      (form ? "form " : "body ") + slot.pointer() + " = " + value.label(),
                      value.category(),
                      expect));
        }
      }
    }
    if (base.xml != null && !base.xmlValues.isEmpty()) {
      for (Map.Entry<String, String> entry : base.xmlValues.entrySet()) {
        Slot slot =
            new Slot(
                Location.XML,
                entry.getKey(),
                entry.getKey(),
                "string",
                null,
                null,
                true,
                JSON.textNode(entry.getValue()));
        List<Value> values = hostile.forJson(slot, perSlot);
        for (int i = 0; i < values.size(); i++) {
          Value value = values.get(i);
          if (value.json() != null && !value.json().isTextual()) {
            continue;
          }
          Request r = base.copy();
          r.xmlValues.put(entry.getKey(), value.json() == null ? "" : value.json().asText());
          Expect expect =
              value.category() == Category.FORBIDDEN_TEXT ? Expect.REFUSED : Expect.ANYTHING;
          (i < 2 ? core : extra)
              .add(
                  r.toCase(
                      "xml " + entry.getKey() + " = " + value.label(), value.category(), expect));
        }
      }
    }

    // whole-request mutations
    List<Case> whole = new ArrayList<>();
    // a GET has no body to be of a wrong type
    if (bodyType != null && !bodyType.equals("*/*") && !operation.method().equals("GET")) {
      boolean json = bodyType.equals("application/json");
      for (String wrong :
          json
              ? List.of("text/plain", "application/xml")
              : bodyType.contains("xml")
                  ? List.of("text/plain", "application/json")
                  : List.of("text/plain", "application/json")) {
        Request r = base.copy();
        r.contentType = wrong;
        whole.add(r.toCase("Content-Type " + wrong, Category.WRONG_TYPE, Expect.UNSUPPORTED));
      }
      Request noType = base.copy();
      noType.contentType = null;
      whole.add(noType.toCase("no Content-Type", Category.MISSING, Expect.ANYTHING));
      Request empty = base.copy();
      empty.raw = new byte[0];
      whole.add(
          empty.toCase(
              "empty body",
              Category.MISSING,
              operation.bodyRequired() ? Expect.REFUSED : Expect.ANYTHING));
      if (json) {
        byte[] valid = write(base.json);
        String text = new String(valid, StandardCharsets.US_ASCII);
        addRaw(
            whole,
            base,
            "truncated JSON",
            text.substring(0, Math.max(1, text.length() / 2)),
            Expect.REFUSED);
        addRaw(whole, base, "not JSON", "name=Ketab&amount=1", Expect.REFUSED);
        addRaw(
            whole,
            base,
            "JSON with a raw NUL byte",
            text.replaceFirst("\"", "\"\u0000"),
            Expect.REFUSED);
        addRaw(
            whole,
            base,
            "top-level array",
            "[" + text + "]",
            base.json.isArray() ? Expect.ANYTHING : Expect.REFUSED);
        addRaw(
            whole,
            base,
            "top-level string",
            "\"" + text.replace("\"", "\\\"") + "\"",
            Expect.REFUSED);
        addRaw(
            whole,
            base,
            "top-level null",
            "null",
            operation.bodyRequired() ? Expect.REFUSED : Expect.ANYTHING);
        addRaw(whole, base, "top-level number", "1e999", Expect.REFUSED);
        if (base.json.isObject() && base.json.size() > 0) {
          String firstName = base.json.fieldNames().next();
          String doubledBody = "{\"" + firstName + "\":\"x\\u0000\"," + text.substring(1);
          addRaw(
              whole,
              base,
              "doubled field " + firstName + " (first with NUL)",
              doubledBody,
              Expect.ANYTHING);
          String doubledAfter =
              text.substring(0, text.length() - 1)
                  + ",\""
                  + firstName
                  + "\":"
                  + write(base.json.get(firstName)).length
                  + "}";
          addRaw(
              whole,
              base,
              "doubled field " + firstName + " (second of another type)",
              doubledAfter,
              Expect.ANYTHING);
          ObjectNode unknown = ((ObjectNode) base.json.deepCopy()).put("unexpected\u0000", "x");
          addRaw(
              whole,
              base,
              "unknown field with NUL in its name",
              new String(write(unknown), StandardCharsets.US_ASCII),
              Expect.ANYTHING);
          ObjectNode deep = (ObjectNode) base.json.deepCopy();
          deep.put(firstName, "__deep__");
          addRaw(
              whole,
              base,
              "field " + firstName + " nested 1500 deep",
              new String(write(deep), StandardCharsets.US_ASCII)
                  .replace("\"__deep__\"", nested(1_500)),
              Expect.REFUSED);
        }
        ObjectNode huge =
            base.json.isObject() ? (ObjectNode) base.json.deepCopy() : JSON.objectNode();
        huge.put("padding", "a".repeat(2 * 1024 * 1024));
        addRaw(
            whole,
            base,
            "2 MiB body",
            new String(write(huge), StandardCharsets.US_ASCII),
            Expect.ANYTHING);
      } else if (bodyType.equals("application/x-www-form-urlencoded")) {
        addRaw(whole, base, "form of bad escapes", "a=%zz&%=%%&=", Expect.ANYTHING);
        Request formHuge = base.copy();
        formHuge.raw =
            (form(base.json) + "&padding=" + "a".repeat(2 * 1024 * 1024))
                .getBytes(StandardCharsets.US_ASCII);
        whole.add(formHuge.toCase("2 MiB form", Category.OVERLONG, Expect.ANYTHING));
      } else if (bodyType.contains("xml")) {
        addRaw(whole, base, "not XML", "{\"not\":\"xml\"}", Expect.REFUSED);
        addRaw(
            whole,
            base,
            "XML with a DTD",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            Expect.REFUSED);
        addRaw(
            whole,
            base,
            "XML with a raw NUL",
            base.xml.replaceFirst(">", ">\u0000"),
            Expect.REFUSED);
      }
    }
    List<Case> all = new ArrayList<>();
    // the mutations first and the valid request last, so that a request that changes state (a
    // revocation, a deletion) is sent after the others had their valid objects
    int room = Math.max(0, config.casesPerOperation - core.size() - whole.size() - 1);
    List<Case> sampledCore =
        hostile.sample(
            core,
            Math.max(config.casesPerOperation - whole.size() - 1, config.casesPerOperation / 2));
    all.addAll(sampledCore);
    all.addAll(hostile.sample(extra, Math.max(0, room)));
    all.addAll(whole);
    all.add(base.toCase("valid-looking request", Category.ODD, Expect.ANYTHING));
    if (page || xmlOp) {
      // nothing more: the same cases, judged as pages or XML in check()
    }
    return all;
  }

  private void addRaw(List<Case> cases, Request base, String what, String body, Expect expect) {
    Request r = base.copy();
    r.raw = body.getBytes(StandardCharsets.UTF_8);
    cases.add(r.toCase(what, Category.MALFORMED, expect));
  }

  /** Arrays nested {@code depth} deep, as JSON text (Jackson itself writes at most 1000). */
  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static String decode(String encoded) {
    try {
      return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }

  private static Expect paramExpectation(Slot slot, Value value) {
    return switch (value.category()) {
      case FORBIDDEN_TEXT, MALFORMED -> Expect.INVALID;
      case MISSING -> slot.required() ? Expect.REFUSED : Expect.ANYTHING;
      default -> Expect.ANYTHING;
    };
  }

  private static Expect bodyExpectation(Slot slot, Value value, boolean form) {
    return switch (value.category()) {
      case FORBIDDEN_TEXT -> Expect.INVALID;
      case MALFORMED, WRONG_TYPE -> Expect.REFUSED;
      case MISSING, NULL -> slot.required() ? Expect.REFUSED : Expect.ANYTHING;
      default -> Expect.ANYTHING;
    };
  }

  /** Sets {@code value} at {@code pointer} (removing the property when it is missing). */
  private static boolean set(JsonNode root, String pointer, Value value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      if (value.missing()) {
        object.remove(last);
      } else {
        object.set(last, value.json());
      }
      return true;
    }
    if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(last);
      if (index >= array.size()) {
        return false;
      }
      if (value.missing()) {
        array.remove(index);
      } else {
        array.set(index, value.json());
      }
      return true;
    }
    return false;
  }

  // --------------------------------------------------------------------------- sending, judging

  private void run(Case c) {
    Map<String, Long> before = counts;
    RawHttp.Response response;
    try {
      sent++;
      response = http.send(c.operation().method(), c.target(), c.headers(), c.body());
    } catch (IOException e) {
      if (c.category() == Category.BAD_BYTES && c.what().startsWith("form ")) {
        // Known, upstream: Quarkus REST decodes a streamed form's last field after the request
        // ended, outside its error handling, and leaves a broken percent-escape there unanswered.
        notes.add(c.operation().key() + " " + c.what() + ": no answer (Quarkus REST, known)");
      } else {
        fail(c, "connection", "no answer: " + e, null);
      }
      counts = config.tables == null ? Map.of() : config.tables.settled(2_000);
      return;
    }
    List<String> broken = check(c, response);
    boolean refused = refused(c, response);
    if (config.tables != null) {
      Map<String, Long> after = config.tables.snapshot();
      List<String> changes = TableCounts.changes(before, after);
      if (refused && !changes.isEmpty()) {
        // something else may have written meanwhile (the outbox relay, a Kafka consumer, another
        // test run on the same database): it counts only if the same request changes the same
        // tables again, twice
        Set<String> suspects = tablesOf(changes);
        for (int attempt = 0; attempt < 2 && !suspects.isEmpty(); attempt++) {
          Map<String, Long> settled = config.tables.settled(3_000);
          try {
            sent++;
            RawHttp.Response again =
                http.send(c.operation().method(), c.target(), c.headers(), c.body());
            List<String> changedAgain = TableCounts.changes(settled, config.tables.snapshot());
            if (!refused(c, again)) {
              suspects.clear();
            } else {
              suspects.retainAll(tablesOf(changedAgain));
            }
          } catch (IOException e) {
            broken.add("connection|no answer on a repeated try: " + e);
            suspects.clear();
          }
        }
        if (!suspects.isEmpty()) {
          broken.add(
              "rows|"
                  + (response.status() >= 400 ? "refused (" : "to be refused, answered (")
                  + response.status()
                  + ") and row counts changed, each of three times: "
                  + changes.stream().filter(ch -> suspects.contains(ch.split(" ")[0])).toList());
        } else {
          notes.add(
              c.operation().key() + " " + c.what() + ": row counts changed once (" + changes + ")");
        }
        after = config.tables.settled(3_000);
      } else if (!refused) {
        after = config.tables.settled(3_000);
      }
      counts = after;
    }
    for (String b : broken) {
      String[] parts = b.split("\\|", 2);
      fail(c, parts[0], parts[1], response);
    }
  }

  private static Set<String> tablesOf(List<String> changes) {
    Set<String> tables = new HashSet<>();
    changes.forEach(change -> tables.add(change.split(" ")[0]));
    return tables;
  }

  /** Whether some {@code %} in {@code target} is not followed by two hexadecimal digits. */
  private static boolean hasBrokenEscape(String target) {
    for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
      if (i + 2 >= target.length()
          || Character.digit(target.charAt(i + 1), 16) < 0
          || Character.digit(target.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  private boolean refused(Case c, RawHttp.Response response) {
    return response.status() >= 400 || c.expect() != Expect.ANYTHING;
  }

  private List<String> check(Case c, RawHttp.Response r) {
    List<String> broken = new ArrayList<>();
    Operation op = c.operation();
    boolean page = config.page.test(op);
    boolean xml = config.legacyXml.test(op);
    int status = r.status();
    String type = r.mediaType();
    if (status >= 500) {
      boolean soapFault =
          xml && status == 500 && (type.contains("xml")) && r.body().contains("Fault");
      if (!soapFault) {
        broken.add("5xx|answered " + status);
      }
    }
    if (status >= 400 && status < 500) {
      // The HTTP server itself refuses a request line over quarkus.http.limits.max-initial-line-
      // length (414) or with a broken percent-escape (400) before any Tasvie code can answer:
      // a bare answer there is the one exception.
      boolean ok =
          type.equals("application/problem+json")
              || page && type.equals("text/html")
              || xml && type.contains("xml")
              || status == 414 && r.body().isEmpty()
              || status == 400 && r.body().isEmpty() && hasBrokenEscape(c.target());
      if (!ok) {
        broken.add(
            "media-type|a "
                + status
                + " as '"
                + r.contentType()
                + "', not application/problem+json"
                + (page ? " or text/html" : "")
                + (xml ? " or XML" : ""));
      } else if (type.equals("application/problem+json")) {
        try {
          JsonNode problem = READ.readTree(r.body());
          if (problem == null || !problem.isObject()) {
            broken.add("problem|a problem that is not a JSON object");
          } else if (problem.has("status") && problem.get("status").asInt() != status) {
            broken.add("problem|problem status " + problem.get("status") + " on an HTTP " + status);
          }
        } catch (IOException e) {
          broken.add("problem|a problem that is not JSON");
        }
      }
    }
    boolean lenient = page || xml;
    switch (c.expect()) {
      case ANYTHING -> {}
      case REFUSED -> {
        // a page may answer by showing (2xx) or redirecting back to (303) a readable page
        if (status < 400 && !(lenient && status < 400)) {
          broken.add("accepted|" + c.category() + " accepted with " + status + ", expected a 4xx");
        }
      }
      case INVALID -> {
        boolean body = c.what().startsWith("body ");
        boolean ok =
            status == 400 || body && status == 422 || lenient && status >= 200 && status < 400;
        if (lenient && status >= 400 && status < 500) {
          ok = true;
        }
        if (!ok) {
          broken.add(
              (status == 404 ? "404" : status < 400 ? "accepted" : "status")
                  + "|"
                  + c.category()
                  + " answered "
                  + status
                  + ", expected 400 invalid request");
        }
      }
      case UNSUPPORTED -> {
        if (status != 415) {
          broken.add("415|wrong Content-Type answered " + status + ", expected 415");
        }
      }
    }
    return broken;
  }

  private void fail(Case c, String kind, String rule, RawHttp.Response response) {
    String where = c.what().replaceAll(" = .*", "").replaceAll("\\(.*", "").trim();
    String key = c.operation().key() + " | " + where + " | " + kind + " | " + c.category();
    Failure existing = failures.get(key);
    if (existing != null) {
      existing.count()[0]++;
      return;
    }
    String answer =
        response == null
            ? ""
            : "\n     → "
                + response.status()
                + " "
                + response.contentType()
                + " "
                + Hostile.describe(
                    response.body().length() > 300
                        ? response.body().substring(0, 300)
                        : response.body());
    failures.put(
        key, new Failure(key, c.what() + ": " + rule, c.reproduce() + answer, new int[] {1}));
  }
}
