package io.tasvie.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an event body against its catalogue schema (JSON Schema 2020-12, with {@code format}s such
 * as {@code uuid} and {@code date-time} asserted), as a consumer that validates would. The messages
 * name the offending fields, never their values, so they can be logged.
 */
public final class EventSchemas {

  private final Map<Class<?>, JsonSchema> schemas;

  private EventSchemas(Map<Class<?>, JsonSchema> schemas) {
    this.schemas = schemas;
  }

  /** Reads every schema of the {@link EventCatalogue} from the class path. */
  public static EventSchemas load(ObjectMapper mapper) {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();
    Map<Class<?>, JsonSchema> schemas = new HashMap<>();
    EventCatalogue.schemas()
        .forEach((type, name) -> schemas.put(type, factory.getSchema(read(mapper, name), config)));
    return new EventSchemas(Map.copyOf(schemas));
  }

  private static JsonNode read(ObjectMapper mapper, String name) {
    String resource = EventCatalogue.SCHEMA_LOCATION + EventCatalogue.fileName(name);
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the class path");
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * What is wrong with {@code body} as the body of an event of the record {@code event}: empty when
   * it matches its schema.
   */
  public List<String> violations(Class<?> event, JsonNode body) {
    JsonSchema schema = schemas.get(event);
    if (schema == null) {
      return List.of(event.getName() + " is not in the event catalogue (EventCatalogue)");
    }
    return schema.validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
