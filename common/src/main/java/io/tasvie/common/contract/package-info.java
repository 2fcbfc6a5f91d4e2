/**
 * The events' wire contract: one record per event body, shared by producers and consumers. Every
 * component is always in the JSON and never null, unless it is marked {@link
 * jakarta.annotation.Nullable}: then it may be null (a consumer treats it being absent alike). The
 * catalogue's JSON Schemas ({@code docs/events}) are generated from these records and say the same
 * with {@code required} and {@code ["string", "null"]}.
 */
package io.tasvie.common.contract;
