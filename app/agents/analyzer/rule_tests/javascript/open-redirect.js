const express = require("express");
const { isSafeRedirect } = require("./redirects");

const app = express();
const FRONTEND_URL = process.env.FRONTEND_URL;

app.get("/login", (req, res) => {
  const next = req.query.next;
  // ruleid: js.open-redirect
  res.redirect(next);
});

app.get("/moved", (req, res) => {
  // ruleid: js.open-redirect
  res.redirect(301, req.body.url);
});

app.get("/back", (req, res) => {
  // ruleid: js.open-redirect
  res.location(req.get("Referer"));
  res.sendStatus(302);
});

app.get("/login-checked", (req, res) => {
  const next = req.query.next;
  if (!isSafeRedirect(next)) {
    return res.redirect("/");
  }
  // ok: js.open-redirect
  return res.redirect(next);
});

app.get("/relative", (req, res) => {
  const next = String(req.query.next || "/");
  // ok: js.open-redirect
  res.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/");
});

app.get("/profile", (req, res) => {
  // A fixed path in front: the redirect stays on this site.
  // ok: js.open-redirect
  res.redirect("/users/" + req.query.id);
  // ok: js.open-redirect
  res.redirect("/dashboard");
  // ok: js.open-redirect
  res.redirect(`${FRONTEND_URL}/reset?token=${req.query.token}`);
});

app.get("/root", (req, res) => {
  // "/" alone does not pin the host: "//evil.example" is another site.
  // ruleid: js.open-redirect
  res.redirect("/" + req.query.path);
});

// The browser: the fragment is chosen by whoever sent the link.
function afterLogin() {
  const target = location.hash.slice(1);
  // ruleid: js.open-redirect
  window.location = target;
  // ruleid: js.open-redirect
  location.assign(new URLSearchParams(location.search).get("next"));
  // ok: js.open-redirect
  window.location.href = "/home";
  // The page's own URL stays on this origin.
  // ok: js.open-redirect
  location.replace(location.href.split("#")[0]);
  const page = new URL(window.location.href);
  // ruleid: js.open-redirect
  location.href = page.searchParams.get("returnTo");
}
