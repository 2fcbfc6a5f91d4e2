package io.tasvie.gateway.savedcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CardCipherTest {

  private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final String PAN = "4006090000000007";

  @Test
  void aSealedCardOpensWithItsIdAndNothingElse() {
    CardCipher cipher = cipher("k1", Map.of("k1", K1));
    String id = UUID.randomUUID().toString();

    CardCipher.Sealed sealed = cipher.seal(PAN, id);

    assertEquals("k1", sealed.keyId());
    assertEquals(PAN, cipher.open(sealed, id));
    assertNotEquals(cipher.seal(PAN, id).ciphertext().length, 0);
    // Each seal has its own data key and IVs: the same number never seals the same twice.
    assertNotEquals(
        Base64.getEncoder().encodeToString(sealed.ciphertext()),
        Base64.getEncoder().encodeToString(cipher.seal(PAN, id).ciphertext()));
    // Moved to another row, it does not open.
    assertThrows(
        IllegalStateException.class, () -> cipher.open(sealed, UUID.randomUUID().toString()));
  }

  @Test
  void anAlteredCiphertextOrWrappedKeyDoesNotOpen() {
    CardCipher cipher = cipher("k1", Map.of("k1", K1));
    String id = UUID.randomUUID().toString();
    CardCipher.Sealed sealed = cipher.seal(PAN, id);

    byte[] ciphertext = sealed.ciphertext().clone();
    ciphertext[ciphertext.length - 1] ^= 1;
    byte[] wrapped = sealed.wrappedKey().clone();
    wrapped[14] ^= 1;

    assertThrows(
        IllegalStateException.class,
        () -> cipher.open(new CardCipher.Sealed("k1", sealed.wrappedKey(), ciphertext), id));
    assertThrows(
        IllegalStateException.class,
        () -> cipher.open(new CardCipher.Sealed("k1", wrapped, sealed.ciphertext()), id));
  }

  @Test
  void afterARotationOldCardsOpenAndNewOnesUseTheNewKey() {
    String id = UUID.randomUUID().toString();
    CardCipher.Sealed old = cipher("k1", Map.of("k1", K1)).seal(PAN, id);

    CardCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2));

    assertEquals(PAN, rotated.open(old, id));
    assertEquals("k2", rotated.seal(PAN, id).keyId());
    // A key that is no longer configured cannot open what it sealed.
    assertThrows(IllegalStateException.class, () -> cipher("k2", Map.of("k2", K2)).open(old, id));
  }

  @Test
  void aMissingOrShortKeyStopsTheVaultAtStart() {
    assertThrows(IllegalStateException.class, () -> cipher("k9", Map.of("k1", K1)));
    assertThrows(
        IllegalStateException.class,
        () -> cipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))));
  }

  private static CardCipher cipher(String active, Map<String, String> keys) {
    return new CardCipher(
        new VaultConfig() {
          @Override
          public String activeKey() {
            return active;
          }

          @Override
          public Map<String, String> keys() {
            return keys;
          }
        });
  }
}
