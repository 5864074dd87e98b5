const vm = require("vm");

function calculate(expression, body) {
  // ruleid: js.eval
  const result = eval(expression);
  // ruleid: js.eval
  const fn = new Function("a", "b", body);
  // ruleid: js.eval
  setTimeout("refresh(" + body + ")", 100);
  // ruleid: js.eval
  vm.runInNewContext(body, {});
  // ok: js.eval
  const two = eval("1 + 1");
  // ok: js.eval
  setTimeout(() => refresh(body), 100);
  // ok: js.eval
  setTimeout(refresh, 100);
  // ok: js.eval
  const data = JSON.parse(expression);
  return [result, fn, two, data];
}
