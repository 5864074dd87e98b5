import { randomBytes } from "crypto";

export function credentials(user: { resetToken?: string }) {
  // ruleid: js.insecure-random-token
  const sessionToken = Math.random().toString(36).slice(2);
  // ruleid: js.insecure-random-token
  user.resetToken = String(Math.floor(Math.random() * 1e6));
  // ok: js.insecure-random-token
  const apiKey = randomBytes(32).toString("hex");
  // ok: js.insecure-random-token
  const jitter = Math.random() * 100;
  return { sessionToken, apiKey, jitter };
}
