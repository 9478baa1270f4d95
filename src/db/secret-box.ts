// Seals secrets for storage with AES-256-GCM (node:crypto): a fresh 12-byte nonce each time, the tag checked on open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface SecretBox {
  /** `v1.<nonce>.<tag>.<ciphertext>` in base64url; `context` is bound in (a sealed value opens only with it). */
  seal(plain: string, context: string): string;
  /** Throws when the key, the context or the sealed text is not the one it was sealed with. */
  open(sealed: string, context: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  return {
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      // The context (table, row key, column) as additional data: a sealed token copied into another row fails.
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
      return `v1.${parts.join(".")}`;
    },
    open(sealed, context) {
      const [version, nonce, tag, body] = sealed.split(".");
      if (version !== "v1" || !nonce || !tag || body === undefined) throw new Error("not a sealed value");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}
