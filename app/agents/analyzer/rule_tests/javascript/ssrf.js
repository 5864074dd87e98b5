const express = require("express");
const axios = require("axios");
const http = require("http");

const app = express();
const ALLOWED_HOSTS = new Set(["api.example.com"]);

app.get("/proxy", async (req, res) => {
  const url = req.query.url;
  // ruleid: js.ssrf
  const r1 = await axios.get(url);
  // ruleid: js.ssrf
  const r2 = await fetch(req.body.webhook, { method: "POST" });
  // ruleid: js.ssrf
  http.get(`http://${req.query.host}:8080/status`, () => {});
  // ruleid: js.ssrf
  const r3 = await axios({ method: "get", url: req.query.target });
  // A fixed origin: only the path comes from the request.
  // ok: js.ssrf
  const r4 = await axios.get("https://api.example.com/users/" + encodeURIComponent(req.query.id));
  // ok: js.ssrf
  const r5 = await fetch(`https://api.example.com/items/${req.params.id}`);
  // ok: js.ssrf
  const r6 = await fetch("https://api.example.com/health");
  // A configured origin: only the path comes from the request.
  // ok: js.ssrf
  const r7 = await axios.get(`${process.env.API_BASE}/orders/${req.query.id}`);
  // ruleid: js.ssrf
  const r8 = await axios.get(`${req.query.base}/orders/${req.query.id}`);
  res.json([r1, r2, r3, r4, r5, r6, r7, r8].map(String));
});

app.get("/checked", async (req, res) => {
  // Validated value: the parsed host must be on the allow-list.
  const target = new URL(req.query.url);
  if (!ALLOWED_HOSTS.has(target.hostname)) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  const reply = await fetch(target.href);
  return res.send(await reply.text());
});

async function ping(url) {
  // ok: js.ssrf
  return axios.get(url);
}

async function follow(url, options) {
  // An outgoing request object, not an incoming one.
  const request = new Request(url, options);
  // ok: js.ssrf
  return fetch(new URL("/next", request.url));
}
