package io.tasvie.terminal.valueadded;

import java.util.List;

/** A mobile internet package of the sandbox catalogue; {@code price} in rials. */
public record InternetPackage(
    String id, Operator operator, String name, int volumeMb, int validityDays, long price) {

  public static final List<InternetPackage> CATALOGUE =
      List.of(
          new InternetPackage("MCI-1D-1GB", Operator.MCI, "1 GB, 1 day", 1024, 1, 90_000),
          new InternetPackage("MCI-7D-5GB", Operator.MCI, "5 GB, 7 days", 5120, 7, 350_000),
          new InternetPackage("MCI-30D-20GB", Operator.MCI, "20 GB, 30 days", 20480, 30, 1_200_000),
          new InternetPackage("MTN-1D-2GB", Operator.MTN, "2 GB, 1 day", 2048, 1, 110_000),
          new InternetPackage("MTN-30D-30GB", Operator.MTN, "30 GB, 30 days", 30720, 30, 1_500_000),
          new InternetPackage("RTL-7D-10GB", Operator.RTL, "10 GB, 7 days", 10240, 7, 400_000));

  public static List<InternetPackage> of(Operator operator) {
    return CATALOGUE.stream().filter(p -> p.operator() == operator).toList();
  }

  public static InternetPackage byId(String id) {
    return CATALOGUE.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
  }
}
