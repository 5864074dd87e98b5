function generatePassword(length) {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < length; i++) {
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  // ruleid: js.insecure-random-token
  return out;
}

function shuffle(items) {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  // ok: js.insecure-random-token
  return copy;
}

function makeInvite(crypto) {
  const seed = Math.random();
  // ruleid: js.insecure-random-token
  return { inviteToken: seed.toString(16), color: "red" };
}

function backoff(attempt) {
  // ok: js.insecure-random-token
  const delay = 2 ** attempt * 100 + Math.random() * 50;
  // ok: js.insecure-random-token
  const nonce = crypto.randomUUID();
  return { delay, nonce };
}
