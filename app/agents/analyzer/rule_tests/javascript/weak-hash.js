const crypto = require("crypto");

function fingerprint(data) {
  // ruleid: js.weak-hash
  const a = crypto.createHash("md5").update(data).digest("hex");
  // ruleid: js.weak-hash
  const b = crypto.createHash("sha1").update(data).digest("hex");
  // ok: js.weak-hash
  const c = crypto.createHash("sha256").update(data).digest("hex");
  return [a, b, c];
}
