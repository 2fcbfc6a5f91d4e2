package io.tasvie.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tasvie.common.check.Text;
import java.io.IOException;

/**
 * Every string read from a JSON body, as a value or as a map key, passes {@link Text}'s rule; a
 * refused one fails the read with {@link RefusedText}, which names the field.
 */
public final class CleanStrings {

  private CleanStrings() {}

  /** The module that puts the rule on every {@code String} the mapper reads. */
  public static SimpleModule module() {
    return new SimpleModule("tasvie-clean-strings")
        .addDeserializer(String.class, new Values())
        .addKeyDeserializer(String.class, new Keys());
  }

  /** A JSON string that {@link Text} refuses; Jackson adds the field path as it unwinds. */
  public static final class RefusedText extends InvalidFormatException {
    public RefusedText(JsonParser parser, String value) {
      super(parser, Text.whyRefused(value), value, String.class);
    }

    /** The refused field as the caller wrote it: {@code payerName}, {@code items[2].name}. */
    public String field() {
      StringBuilder field = new StringBuilder();
      for (Reference ref : getPath()) {
        if (ref.getFieldName() != null) {
          field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
      return field.isEmpty() ? "(body)" : field.toString();
    }
  }

  private static final class Values extends StdScalarDeserializer<String> {
    Values() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = StringDeserializer.instance.deserialize(p, ctxt);
      if (!Text.isClean(value)) {
        throw new RefusedText(p, value);
      }
      return value;
    }
  }

  private static final class Keys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      if (!Text.isClean(key)) {
        throw new RefusedText(ctxt.getParser(), key);
      }
      return key;
    }
  }
}
