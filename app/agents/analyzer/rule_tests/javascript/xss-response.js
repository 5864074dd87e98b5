const express = require("express");
const escapeHtml = require("escape-html");
const http = require("http");

const app = express();

app.get("/hello", (req, res) => {
  // ruleid: js.xss-response
  res.send("<h1>Hello " + req.query.name + "</h1>");
});

app.get("/search", (req, res) => {
  const q = req.query.q;
  // ruleid: js.xss-response
  res.status(404).send(`No results for ${q}`);
});

app.get("/echo", (req, res) => {
  // ruleid: js.xss-response
  res.write(req.body.message);
  res.end();
});

app.get("/hello-safe", (req, res) => {
  // Sanitizer.
  // ok: js.xss-response
  res.send("<h1>Hello " + escapeHtml(req.query.name) + "</h1>");
});

app.get("/api", (req, res) => {
  // Safe sinks: JSON responses.
  // ok: js.xss-response
  res.json({ name: req.query.name });
  // ok: js.xss-response
  res.send({ name: req.query.name });
});

app.get("/plain", (req, res) => {
  res.type("text/plain");
  // ok: js.xss-response
  res.send(req.query.name);
});

app.get("/count", (req, res) => {
  // Sanitizer: a number.
  // ok: js.xss-response
  res.send("<p>" + parseInt(req.query.n, 10) + "</p>");
});

http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  res.writeHead(200, { "Content-Type": "text/html" });
  // ruleid: js.xss-response
  res.end("<p>" + url.searchParams.get("q") + "</p>");
});

function page(title) {
  // ok: js.xss-response
  return `<h1>${title}</h1>`;
}
