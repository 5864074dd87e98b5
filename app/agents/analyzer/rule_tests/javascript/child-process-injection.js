const express = require("express");
const { exec, execFile, spawn } = require("child_process");
const cp = require("child_process");

const app = express();

app.get("/clone", (req, res) => {
  const url = req.query.url;
  // ruleid: js.child-process-injection
  exec("git clone " + url + " /tmp/repo");
  // ruleid: js.child-process-injection
  cp.execSync(`tar czf ${req.body.dir}.tgz ${req.body.dir}`);
  // ruleid: js.child-process-injection
  spawn("sh", ["-c", "ping -c 1 " + req.query.host]);
  // ruleid: js.child-process-injection
  spawn("ping", ["-c", "1", req.query.host], { shell: true });
  // ok: js.child-process-injection
  execFile("git", ["clone", "--", url, "/tmp/repo"]);
  // ok: js.child-process-injection
  spawn("ping", ["-c", "1", req.query.host]);
  // ok: js.child-process-injection
  exec("git --version");
  // ok: js.child-process-injection
  /a(b)/.exec("x" + url);
  res.end();
});

app.get("/ping", (req, res) => {
  // Sanitizer: a number cannot carry shell syntax.
  const count = parseInt(req.query.count, 10);
  // ok: js.child-process-injection
  exec("ping -c " + count + " localhost");
  // Constant: the request value is overwritten before use.
  let host = req.query.host;
  host = "localhost";
  // ok: js.child-process-injection
  exec("ping -c 1 " + host);
  res.end();
});

app.get("/status", (req, res) => {
  // Validated value: only names from the allow-list get through.
  const service = req.query.service;
  const allowed = ["nginx", "postgres"];
  if (!allowed.includes(service)) {
    return res.sendStatus(400);
  }
  // ok: js.child-process-injection
  exec("systemctl status " + service);
  // Dead branch: the constants never compare equal.
  const mode = "safe";
  if (mode === "debug") {
    // ok: js.child-process-injection
    exec("systemctl status " + req.query.other);
  }
  return res.end();
});

function maintenance(dir) {
  // ok: js.child-process-injection
  exec("rm -rf " + dir);
}
