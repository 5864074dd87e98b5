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

const https = require("https");
const superagent = require("superagent");
const SERVICES = new Map([["inventory", "inventory.internal"]]);

app.get("/chained", (req, res) => {
  // A call split across lines is still a request to the user's URL.
  https
    // ruleid: js.ssrf
    .get(req.params.url, (upstream) => res.sendStatus(upstream.statusCode))
    .on("error", () => res.sendStatus(502));
});

app.get("/collections", async (req, res) => {
  const parts = [];
  parts.push(req.params.url);
  // ruleid: js.ssrf
  await axios.get(parts.join(""));
  const lookup = new Map();
  lookup.set("target", req.query.url);
  // ruleid: js.ssrf
  await superagent.get(lookup.get("target"));
  // A constant table hands back one of its own values, whatever the key.
  const host = SERVICES.get(req.query.service);
  if (!host) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  await fetch(`http://${host}/api/stock`);
  return res.sendStatus(204);
});

app.get("/either", async (req, res) => {
  // The allow-list check behind `||` still guards what follows the early return.
  const target = new URL(req.query.url);
  if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  await axios.get(target.href);
  const other = new URL(req.query.other);
  if (other.protocol !== "https:" || other.origin !== "https://partner.example.com") {
    throw new Error("invalid origin");
  }
  // ok: js.ssrf
  await fetch(other.href);
  return res.sendStatus(204);
});

router.post("/koa", async (ctx) => {
  const target = new URL(ctx.request.body.url);
  if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
    ctx.throw(400, "invalid input");
  }
  // ok: js.ssrf
  await superagent.get(target.href);
});

app.get("/ternary", async (req, res) => {
  const num = 106;
  // The condition is a constant: only the fixed URL can be picked.
  const fixed = 7 * 18 + num > 200 ? "https://api.example.com/v1/ping" : req.params.url;
  // ok: js.ssrf
  await superagent.get(fixed);
  // A condition the request decides: either branch can run.
  const picked = req.query.mirror ? "https://api.example.com/v1/ping" : req.params.url;
  // ruleid: js.ssrf
  await superagent.get(picked);
  res.sendStatus(204);
});

app.get("/search", async (req, res) => {
  // The request fills only the query of a fixed URL.
  const search = new URL("https://api.example.com/search");
  search.searchParams.set("q", req.query.q);
  // ok: js.ssrf
  const found = await fetch(search);
  res.json(await found.json());
});
