package io.tasvie.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** What the fuzzer reads from an OpenAPI document: operations, their slots, valid values. */
public final class Schemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Where a slot of a request is. */
  public enum Location {
    PATH,
    QUERY,
    BODY,
    FORM,
    XML
  }

  /**
   * One place of a request that takes a value: its JSON pointer (bodies) or name (parameters), the
   * schema's type, format and enum, whether it is required, and a valid value for it.
   */
  public record Slot(
      Location location,
      String pointer,
      String name,
      String type,
      String format,
      List<String> enumValues,
      boolean required,
      JsonNode valid) {}

  /** One operation of the document. */
  public record Operation(
      String method,
      String path,
      List<String> roles,
      boolean secured,
      List<JsonNode> parameters,
      boolean bodyRequired,
      Map<String, JsonNode> bodyTypes,
      List<String> responseTypes) {

    public String key() {
      return method + " " + path;
    }

    public String bodyType() {
      for (String preferred :
          List.of("application/json", "application/x-www-form-urlencoded", "text/xml")) {
        if (bodyTypes.containsKey(preferred)) {
          return preferred;
        }
      }
      return bodyTypes.isEmpty() ? null : bodyTypes.keySet().iterator().next();
    }
  }

  private final JsonNode document;
  private final Random random;

  public Schemas(JsonNode document, Random random) {
    this.document = document;
    this.random = random;
  }

  /** Every operation of the document, in the document's order. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      List<JsonNode> shared = list(path.getValue().path("parameters"));
      for (String method : List.of("get", "put", "post", "delete", "patch")) {
        JsonNode op = path.getValue().get(method);
        if (op == null) {
          continue;
        }
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode p : shared) {
          parameters.add(resolve(p));
        }
        for (JsonNode p : list(op.path("parameters"))) {
          JsonNode resolved = resolve(p);
          parameters.removeIf(
              q ->
                  q.path("name").asText().equals(resolved.path("name").asText())
                      && q.path("in").asText().equals(resolved.path("in").asText()));
          parameters.add(resolved);
        }
        List<String> roles = new ArrayList<>();
        boolean secured = false;
        for (JsonNode requirement : list(op.path("security"))) {
          Iterator<Map.Entry<String, JsonNode>> schemes = requirement.fields();
          while (schemes.hasNext()) {
            secured = true;
            for (JsonNode role : list(schemes.next().getValue())) {
              roles.add(role.asText());
            }
          }
        }
        JsonNode body = resolve(op.path("requestBody"));
        Map<String, JsonNode> bodyTypes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> types = body.path("content").fields();
        while (types.hasNext()) {
          Map.Entry<String, JsonNode> type = types.next();
          bodyTypes.put(type.getKey(), resolve(type.getValue().path("schema")));
        }
        List<String> responseTypes = new ArrayList<>();
        Iterator<JsonNode> responses = op.path("responses").elements();
        while (responses.hasNext()) {
          responses.next().path("content").fieldNames().forEachRemaining(responseTypes::add);
        }
        operations.add(
            new Operation(
                method.toUpperCase(Locale.ROOT),
                path.getKey(),
                roles,
                secured,
                parameters,
                body.path("required").asBoolean(false),
                bodyTypes,
                responseTypes));
      }
    }
    return operations;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.elements().forEachRemaining(out::add);
    return out;
  }

  /** {@code node} with its {@code $ref} (to this document) followed and allOf merged. */
  public JsonNode resolve(JsonNode node) {
    for (int depth = 0; node != null && node.has("$ref") && depth < 20; depth++) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        return JSON.objectNode();
      }
      JsonNode target = document.at(ref.substring(1));
      if (target.isMissingNode()) {
        return JSON.objectNode();
      }
      node = target;
    }
    if (node != null && node.has("allOf")) {
      ObjectNode merged = JSON.objectNode();
      ObjectNode properties = JSON.objectNode();
      ArrayNode required = JSON.arrayNode();
      for (JsonNode part : node.get("allOf")) {
        JsonNode resolved = resolve(part);
        resolved.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
        if (resolved.has("properties")) {
          properties.setAll((ObjectNode) resolved.get("properties"));
        }
        resolved.path("required").forEach(required::add);
      }
      node.fields()
          .forEachRemaining(
              f -> {
                if (!f.getKey().equals("allOf")) {
                  merged.set(f.getKey(), f.getValue());
                }
              });
      if (!properties.isEmpty()) {
        merged.set("properties", properties);
      }
      if (!required.isEmpty()) {
        merged.set("required", required);
      }
      merged.remove("allOf");
      return merged;
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (node != null && node.has(choice) && node.get(choice).size() > 0) {
        for (JsonNode option : node.get(choice)) {
          JsonNode resolved = resolve(option);
          if (!"null".equals(type(resolved))) {
            return resolved;
          }
        }
      }
    }
    return node == null ? JSON.objectNode() : node;
  }

  /** The schema's type (the first non-null one of a 3.1 type list). */
  public static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : null;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
      return "null";
    }
    return type.asText();
  }

  public static List<String> enumValues(JsonNode schema) {
    if (!schema.has("enum")) {
      return null;
    }
    List<String> values = new ArrayList<>();
    schema.get("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  /** A valid-looking value for {@code schema}, from its example, default, enum or format. */
  public JsonNode valid(JsonNode schemaOrRef, String name, int depth) {
    JsonNode schema = resolve(schemaOrRef);
    if (schema.has("example")) {
      return schema.get("example");
    }
    if (schema.has("examples")
        && schema.get("examples").isArray()
        && schema.get("examples").size() > 0) {
      return schema.get("examples").get(0);
    }
    if (schema.has("default")) {
      return schema.get("default");
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    String type = type(schema);
    String format = schema.path("format").asText("");
    if (type == null) {
      return JSON.textNode("x");
    }
    switch (type) {
      case "string":
        return JSON.textNode(validText(format, name, schema));
      case "integer":
        {
          long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
          long max = schema.has("maximum") ? schema.get("maximum").asLong() : Long.MAX_VALUE;
          long value = Math.max(min, Math.min(max, 1000));
          return JSON.numberNode(value);
        }
      case "number":
        return JSON.numberNode(
            schema.has("minimum") ? Math.max(10, schema.get("minimum").asDouble()) : 10);
      case "boolean":
        return JSON.booleanNode(false);
      case "array":
        {
          ArrayNode array = JSON.arrayNode();
          if (depth < 6) {
            array.add(valid(schema.path("items"), name, depth + 1));
          }
          return array;
        }
      case "object":
      default:
        {
          ObjectNode object = JSON.objectNode();
          if (depth < 6) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
              Map.Entry<String, JsonNode> p = properties.next();
              if (resolve(p.getValue()).path("readOnly").asBoolean(false)) {
                continue;
              }
              object.set(p.getKey(), valid(p.getValue(), p.getKey(), depth + 1));
            }
          }
          return object;
        }
    }
  }

  private String validText(String format, String name, JsonNode schema) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    String text =
        switch (format) {
          case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
          case "date" -> "2026-12-01";
          case "date-time" -> "2026-12-01T10:00:00Z";
          case "local-time", "time", "partial-time" -> "18:00:00";
          case "email" -> "owner@example.com";
          case "uri", "url" -> "https://shop.example.ir/back";
          default -> {
            if (lower.contains("currency")) {
              yield "IRR";
            } else if (lower.contains("country")) {
              yield "IR";
            } else if (lower.contains("language")) {
              yield "en";
            } else if (lower.contains("url")) {
              yield "https://shop.example.ir/back";
            } else if (lower.contains("email")) {
              yield "owner@example.com";
            } else if (lower.contains("phone") || lower.contains("mobile")) {
              yield "09121234567";
            }
            yield "Ketab";
          }
        };
    int min = schema.path("minLength").asInt(0);
    StringBuilder out = new StringBuilder(text);
    while (out.length() < min) {
      out.append('a');
    }
    return out.toString();
  }

  /** The slots of a JSON body whose valid value is {@code valid}, walking the schema along. */
  public List<Slot> bodySlots(JsonNode schemaOrRef, JsonNode valid, Location location) {
    List<Slot> slots = new ArrayList<>();
    walk(resolve(schemaOrRef), valid, "", slots, location, 0);
    return slots;
  }

  private void walk(
      JsonNode schema,
      JsonNode valid,
      String pointer,
      List<Slot> slots,
      Location location,
      int depth) {
    if (depth > 6) {
      return;
    }
    if (valid != null && valid.isObject() || "object".equals(type(schema))) {
      List<String> required = new ArrayList<>();
      schema.path("required").forEach(r -> required.add(r.asText()));
      List<String> names = new ArrayList<>();
      if (valid != null && valid.isObject()) {
        valid.fieldNames().forEachRemaining(names::add);
      }
      schema
          .path("properties")
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!names.contains(n)) {
                  names.add(n);
                }
              });
      for (String name : names) {
        JsonNode propertySchema = resolve(schema.path("properties").path(name));
        if (propertySchema.path("readOnly").asBoolean(false)) {
          continue;
        }
        JsonNode value = valid != null && valid.isObject() ? valid.get(name) : null;
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        slots.add(
            new Slot(
                location,
                child,
                name,
                type(propertySchema) != null
                    ? type(propertySchema)
                    : value == null ? null : typeOf(value),
                propertySchema.path("format").asText(null),
                enumValues(propertySchema),
                required.contains(name),
                value));
        if (value != null && (value.isObject() || value.isArray())) {
          walk(propertySchema, value, child, slots, location, depth + 1);
        }
      }
    } else if (valid != null && valid.isArray() && valid.size() > 0) {
      JsonNode items = resolve(schema.path("items"));
      String child = pointer + "/0";
      JsonNode value = valid.get(0);
      slots.add(
          new Slot(
              location,
              child,
              lastName(pointer) + "[0]",
              type(items) != null ? type(items) : typeOf(value),
              items.path("format").asText(null),
              enumValues(items),
              false,
              value));
      if (value.isObject() || value.isArray()) {
        walk(items, value, child, slots, location, depth + 1);
      }
    }
  }

  private static String lastName(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }

  static String typeOf(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    } else if (value.isIntegralNumber()) {
      return "integer";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isBoolean()) {
      return "boolean";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isObject()) {
      return "object";
    }
    return null;
  }

  /** A slot for a parameter of the document. */
  public Slot parameterSlot(JsonNode parameter, JsonNode valid) {
    JsonNode schema = resolve(parameter.path("schema"));
    String in = parameter.path("in").asText();
    return new Slot(
        "path".equals(in) ? Location.PATH : Location.QUERY,
        parameter.path("name").asText(),
        parameter.path("name").asText(),
        type(schema),
        schema.path("format").asText(null),
        enumValues(schema),
        parameter.path("required").asBoolean(false) || "path".equals(in),
        valid);
  }
}
