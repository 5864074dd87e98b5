const express = require("express");
const { isSafeRedirect } = require("./redirects");
const app = express();

app.get("/login", (req, res) => {
  const next = req.query.next;
  // ruleid: js.open-redirect
  res.redirect(next);
});

app.get("/moved", (req, res) => {
  // ruleid: js.open-redirect
  res.redirect(301, req.body.url);
});

app.get("/login-checked", (req, res) => {
  const next = req.query.next;
  if (!isSafeRedirect(next)) {
    return res.redirect("/");
  }
  // ok: js.open-redirect
  return res.redirect(next);
});

app.get("/home", (req, res) => {
  // ok: js.open-redirect
  res.redirect("/dashboard");
});
