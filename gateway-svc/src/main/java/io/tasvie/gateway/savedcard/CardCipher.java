package io.tasvie.gateway.savedcard;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of card numbers: each card gets its own data key (AES-256), the number is
 * sealed under it with AES-GCM, and the data key is sealed (wrapped) under the vault's active
 * key-encryption key, whose id is stored beside the ciphertext. Rotating the key-encryption key
 * needs no re-encryption of the numbers: old cards open with the key they name. Both seals are
 * bound to the card's id (GCM associated data), so a ciphertext copied to another row fails.
 */
@ApplicationScoped
@Startup // a missing or malformed vault key stops the service at start
public class CardCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What is stored: the key id, the wrapped data key and the sealed number (each IV first). */
  public record Sealed(String keyId, byte[] wrappedKey, byte[] ciphertext) {}

  private final String activeKey;
  private final Map<String, SecretKey> keys = new HashMap<>();

  public CardCipher(VaultConfig config) {
    config
        .keys()
        .forEach(
            (id, base64) -> {
              byte[] key = Base64.getDecoder().decode(base64.strip());
              if (key.length != 32) {
                throw new IllegalStateException(
                    "tasvie.vault.keys." + id + " must be 32 bytes (Base64), not " + key.length);
              }
              keys.put(id, new SecretKeySpec(key, "AES"));
            });
    if (!keys.containsKey(config.activeKey())) {
      throw new IllegalStateException(
          "tasvie.vault.active-key " + config.activeKey() + " names none of tasvie.vault.keys");
    }
    this.activeKey = config.activeKey();
  }

  public Sealed seal(String cardNumber, String cardId) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      SecretKey dataKey = generator.generateKey();
      byte[] aad = cardId.getBytes(StandardCharsets.UTF_8);
      byte[] ciphertext =
          gcm(
              Cipher.ENCRYPT_MODE,
              dataKey,
              null,
              aad,
              cardNumber.getBytes(StandardCharsets.US_ASCII));
      byte[] wrapped =
          gcm(Cipher.ENCRYPT_MODE, keys.get(activeKey), null, aad, dataKey.getEncoded());
      return new Sealed(activeKey, wrapped, ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a card", e);
    }
  }

  /** The card number; fails if the key is unknown or anything was altered. */
  public String open(Sealed sealed, String cardId) {
    SecretKey keyEncryptionKey = keys.get(sealed.keyId());
    if (keyEncryptionKey == null) {
      throw new IllegalStateException("vault key " + sealed.keyId() + " is not configured");
    }
    try {
      byte[] aad = cardId.getBytes(StandardCharsets.UTF_8);
      byte[] dataKey = gcm(Cipher.DECRYPT_MODE, keyEncryptionKey, sealed.wrappedKey(), aad, null);
      byte[] number =
          gcm(
              Cipher.DECRYPT_MODE,
              new SecretKeySpec(dataKey, "AES"),
              sealed.ciphertext(),
              aad,
              null);
      return new String(number, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a saved card does not open: altered or wrong key", e);
    }
  }

  /** Encrypts {@code plain} (IV prepended to the output) or decrypts {@code sealed}. */
  private static byte[] gcm(int mode, SecretKey key, byte[] sealed, byte[] aad, byte[] plain)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    if (mode == Cipher.ENCRYPT_MODE) {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      byte[] out = cipher.doFinal(plain);
      return ByteBuffer.allocate(IV_BYTES + out.length).put(iv).put(out).array();
    }
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
    cipher.updateAAD(aad);
    return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
  }
}
