const crypto = require("crypto");
const md5 = require("md5");

function storePassword(user, password) {
  // ruleid: js.weak-hash
  user.hash = crypto.createHash("md5").update(password).digest("hex");
  const hasher = crypto.createHash("sha1");
  // ruleid: js.weak-hash
  hasher.update(user.salt + password);
  // ruleid: js.weak-hash
  user.legacy = md5(password);
  // ok: js.weak-hash
  user.scrypt = crypto.scryptSync(password, user.salt, 64);
}

function issue(user) {
  // ruleid: js.weak-hash
  const resetToken = crypto.createHash("md5").update(user.email + Date.now()).digest("hex");
  // ok: js.weak-hash
  const sessionToken = crypto.randomBytes(32).toString("hex");
  return { resetToken, sessionToken };
}

function etag(body) {
  // Not a secret: an ETag / cache key.
  // ok: js.weak-hash
  const tag = crypto.createHash("md5").update(body).digest("base64");
  // ok: js.weak-hash
  const digest = crypto.createHash("sha256").update(body).digest("hex");
  // ok: js.weak-hash
  const mac = crypto.createHmac("sha1", process.env.KEY).update(body).digest("hex");
  return [tag, digest, mac];
}
