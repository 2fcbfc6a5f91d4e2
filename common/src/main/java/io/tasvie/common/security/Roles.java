package io.tasvie.common.security;

/** The roles a Tasvie JWT carries in its {@code groups} claim. */
public final class Roles {
  public static final String ADMIN = "admin";
  public static final String MERCHANT = "merchant";
  public static final String FINANCE = "finance";
  public static final String TERMINAL = "terminal";
  public static final String WALLET = "wallet";

  private Roles() {}
}
