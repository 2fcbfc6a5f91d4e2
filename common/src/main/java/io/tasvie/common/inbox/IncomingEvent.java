package io.tasvie.common.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A consumed event: its CloudEvents id and type and its JSON body. */
public record IncomingEvent(String id, String type, String source, JsonNode data) {

  /**
   * @throws PoisonMessageException when the message has no CloudEvents id or type, or its body is
   *     not JSON
   */
  static IncomingEvent from(Message<?> message, ObjectMapper mapper) {
    IncomingCloudEventMetadata<?> ce =
        message
            .getMetadata(IncomingCloudEventMetadata.class)
            .orElseThrow(
                () -> new PoisonMessageException("message carries no CloudEvents headers"));
    if (ce.getId() == null || ce.getId().isBlank() || ce.getType() == null) {
      throw new PoisonMessageException("message lacks ce_id or ce_type");
    }
    Object payload = message.getPayload();
    if (payload == null) {
      throw new PoisonMessageException("event " + ce.getId() + " has no body");
    }
    try {
      JsonNode data = mapper.readTree(payload.toString());
      if (data == null || !data.isObject()) {
        throw new PoisonMessageException("event " + ce.getId() + " body is not a JSON object");
      }
      return new IncomingEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), data);
    } catch (JsonProcessingException e) {
      throw new PoisonMessageException("event " + ce.getId() + " body is not JSON", e);
    }
  }

  /**
   * @throws PoisonMessageException when the body does not have the shape of {@code type}
   */
  public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
    try {
      return mapper.treeToValue(data, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PoisonMessageException(
          "event " + id + " is not a valid " + type.getSimpleName(), e);
    }
  }
}
