package io.tasvie.gateway.settings.rest;

import io.tasvie.common.contract.MerchantSettingsChangedEvent.Change;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of a merchant's settings audit trail. */
public record SettingsChangeResponse(
    UUID changeId, String changedBy, String role, Instant changedAt, List<Change> changes) {}
