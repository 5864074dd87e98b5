const express = require("express");

const app = express();

app.post("/prefs", (req, res) => {
  // ruleid: js.trust-boundary
  req.session.role = req.body.role;
  const { theme } = req.body;
  // ruleid: js.trust-boundary
  req.session["theme"] = theme;
  // Validated value.
  const lang = req.body.lang;
  if (!["en", "fr"].includes(lang)) {
    return res.sendStatus(400);
  }
  // ok: js.trust-boundary
  req.session.lang = lang;
  // Server-decided value.
  // ok: js.trust-boundary
  req.session.visits = (req.session.visits || 0) + 1;
  // Sanitizer: a number.
  // ok: js.trust-boundary
  req.session.page = parseInt(req.query.page, 10);
  // Validated value: an anchored pattern.
  const nick = req.body.nick;
  if (!nick.match(/^[a-z0-9_]{3,20}$/)) {
    return res.sendStatus(400);
  }
  // ok: js.trust-boundary
  req.session.nick = nick;
  return res.end();
});
