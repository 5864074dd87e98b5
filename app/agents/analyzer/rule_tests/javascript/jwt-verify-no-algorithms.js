const jwt = require("jsonwebtoken");

function check(token, key, options) {
  // ruleid: js.jwt-verify-no-algorithms
  jwt.verify(token, key);
  // ruleid: js.jwt-verify-no-algorithms
  jwt.verify(token, key, { audience: "api" });
  // ruleid: js.jwt-verify-no-algorithms
  jwt.verify(token, key, (err, claims) => console.log(err, claims));
  // ok: js.jwt-verify-no-algorithms
  jwt.verify(token, key, { algorithms: ["RS256"], audience: "api" });
  // ok: js.jwt-verify-no-algorithms
  jwt.verify(token, key, options);
}
