package io.tasvie.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event catalogue's JSON Schemas in {@code docs/events/} are the contract records' schemas:
 * this test fails when a record changed and its schema file did not. A component is {@code
 * required} and never null unless it is {@link Nullable}; then its type admits {@code null} and it
 * may be absent. Regenerate with {@code ./mvnw -pl common test -Dtest=EventSchemasTest
 * -Dtasvie.write-schemas=true}.
 */
class EventSchemasTest {

  private static final Path DIRECTORY = Path.of("..", "docs", "events");
  private static final Path CONTRACT =
      Path.of("src", "main", "java", "io", "tasvie", "common", "contract");

  private final SchemaGenerator generator = generator();

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static SchemaGenerator generator() {
    var config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(Option.EXTRA_OPEN_API_FORMAT_VALUES);
    config.forFields().withNullableCheck(EventSchemasTest::nullable);
    config.forFields().withRequiredCheck(field -> !nullable(field));
    return new SchemaGenerator(config.build());
  }

  private static boolean nullable(FieldScope field) {
    return !field.getType().isPrimitive()
        && field.getAnnotationConsideringFieldAndGetter(Nullable.class) != null;
  }

  @Test
  void theCatalogueSchemasAreTheContractRecords() throws IOException {
    boolean write = Boolean.getBoolean("tasvie.write-schemas");
    for (var event : EventCatalogue.schemas().entrySet()) {
      var schema = generator.generateSchema(event.getKey());
      schema.put("title", event.getValue());
      String expected = json.writeValueAsString(schema) + "\n";
      Path file = DIRECTORY.resolve(EventCatalogue.fileName(event.getValue()));
      if (write) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, expected);
      }
      assertEquals(
          expected,
          Files.exists(file) ? Files.readString(file) : "",
          file + " is stale: regenerate with -Dtasvie.write-schemas=true");
    }
  }

  /** A new event record gets a schema only once the catalogue names it. */
  @Test
  void everyEventRecordIsInTheCatalogue() throws IOException {
    Pattern event =
        Pattern.compile("public record (\\w+)\\([^{]*implements (DomainEvent|PaymentEvent)");
    Set<String> records = new TreeSet<>();
    try (Stream<Path> sources = Files.list(CONTRACT)) {
      for (Path source : sources.toList()) {
        var matcher = event.matcher(Files.readString(source));
        while (matcher.find()) {
          records.add(matcher.group(1));
        }
      }
    }
    Set<String> listed = new TreeSet<>();
    EventCatalogue.schemas().keySet().forEach(type -> listed.add(type.getSimpleName()));
    assertEquals(records, listed);
  }

  /** Only the schemas of the catalogue live in docs/events. */
  @Test
  void noOtherSchemaIsInTheCatalogue() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(DIRECTORY)) {
      list.map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".schema.json"))
          .forEach(files::add);
    }
    Set<String> expected = new TreeSet<>();
    EventCatalogue.schemas().values().forEach(name -> expected.add(EventCatalogue.fileName(name)));
    assertEquals(expected, files);
  }
}
