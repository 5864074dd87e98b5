const express = require("express");
const vm = require("vm");

const app = express();

app.post("/calc", (req, res) => {
  const expression = req.body.expression;
  // ruleid: js.eval
  const result = eval(expression);
  // ruleid: js.eval
  const fn = new Function("a", "b", req.body.body);
  // ruleid: js.eval
  setTimeout("refresh(" + req.query.id + ")", 100);
  // ruleid: js.eval
  vm.runInNewContext(req.body.script, {});
  // ok: js.eval
  const two = eval("1 + 1");
  // A function given to a timer is a callback, not code text.
  // ok: js.eval
  setTimeout(() => refresh(req.query.id), 100);
  // ok: js.eval
  setInterval(function () {
    refresh(req.query.id);
  }, 1000);
  // ok: js.eval
  setTimeout(refresh, 100);
  // ok: js.eval
  const data = JSON.parse(expression);
  // Sanitizer: a number.
  // ok: js.eval
  const doubled = eval(Number(req.query.n) + " * 2");
  res.json({ result, fn, two, data, doubled });
});

app.post("/rule", (req, res) => {
  // Validated value: an anchored pattern allows digits and operators only.
  const formula = req.body.formula;
  if (!/^[0-9+\-*/ ().]+$/.test(formula)) {
    return res.sendStatus(400);
  }
  // ok: js.eval
  return res.json({ value: eval(formula) });
});

function compile(source) {
  // ok: js.eval
  return new Function("exports", source);
}

// The browser: the fragment is chosen by whoever sent the link.
function onHashChange() {
  // ruleid: js.eval
  eval(decodeURIComponent(location.hash.slice(1)));
}

window.addEventListener("message", (event) => {
  // ruleid: js.eval
  setTimeout(event.data.code, 0);
});
