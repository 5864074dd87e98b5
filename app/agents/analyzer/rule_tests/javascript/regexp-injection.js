const escapeStringRegexp = require("escape-string-regexp");

function search(req, res, names) {
  // ruleid: js.regexp-injection
  const re = new RegExp(req.query.q, "i");
  const term = req.body.term;
  // ruleid: js.regexp-injection
  const re2 = RegExp("^" + term);
  // ok: js.regexp-injection
  const safe = new RegExp(escapeStringRegexp(req.query.q), "i");
  // ok: js.regexp-injection
  const fixed = new RegExp("^[a-z]+$");
  res.json(names.filter((n) => re.test(n) || re2.test(n) || safe.test(n) || fixed.test(n)));
}

function filter(ctx, names) {
  // ruleid: js.regexp-injection
  const re = new RegExp(ctx.query.pattern);
  // ok: js.regexp-injection
  const all = new RegExp(names.join("|"));
  return names.filter((n) => re.test(n) && all.test(n));
}
