const jwt = require("jsonwebtoken");

function check(token, key, payload) {
  // ruleid: js.jwt-none-algorithm
  jwt.verify(token, key, { algorithms: ["HS256", "none"] });
  // ruleid: js.jwt-none-algorithm
  jwt.sign(payload, null, { algorithm: "none" });
  // ok: js.jwt-none-algorithm
  jwt.verify(token, key, { algorithms: ["RS256"] });
}
