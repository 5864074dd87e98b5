const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");
const nunjucks = require("nunjucks");
const _ = require("lodash");

const app = express();

app.get("/preview", (req, res) => {
  const template = req.query.template;
  // ruleid: js.template-injection
  const html = ejs.render(template, { user: req.user });
  // ruleid: js.template-injection
  const fn = pug.compile(req.body.layout);
  // ruleid: js.template-injection
  const hb = Handlebars.compile("<h1>" + req.body.title + "</h1>");
  // ruleid: js.template-injection
  const nj = nunjucks.renderString(req.query.tpl, {});
  // ruleid: js.template-injection
  const lo = _.template(req.body.tpl);
  // The user's value is data, not template text.
  // ok: js.template-injection
  const safe = ejs.render("<p>Hello <%= name %></p>", { name: req.query.name });
  // ok: js.template-injection
  const greet = Handlebars.compile("<p>{{name}}</p>")({ name: req.query.name });
  // ok: js.template-injection
  const page = nunjucks.render("page.html", { q: req.query.q });
  res.send([html, fn, hb, nj, lo, safe, greet, page].join(""));
});

app.get("/theme", (req, res) => {
  // Validated value: only known layout names.
  const layout = req.query.layout;
  if (!["plain", "fancy"].includes(layout)) {
    return res.sendStatus(400);
  }
  // ok: js.template-injection
  return res.send(pug.render(layout));
});

function build(source) {
  // ok: js.template-injection
  return ejs.compile(source);
}
