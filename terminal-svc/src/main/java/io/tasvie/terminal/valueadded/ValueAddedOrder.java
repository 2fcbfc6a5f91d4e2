package io.tasvie.terminal.valueadded;

import io.tasvie.terminal.transaction.TransactionType;
import java.util.Map;

/**
 * What a value-added sale buys, beside the card charge that pays it: a top-up, an internet package
 * or a bill. {@code reference} is set where the same thing must not be bought twice (a bill);
 * {@code details} are shown on the receipt. The money is owed to the operator or biller ({@link
 * TransactionType#owedTo}).
 */
public record ValueAddedOrder(
    TransactionType type,
    String channel,
    long amount,
    String reference,
    Map<String, Object> details) {}
