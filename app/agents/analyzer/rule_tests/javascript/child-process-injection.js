const { exec, execFile } = require("child_process");
const cp = require("child_process");

function clone(url, dir) {
  // ruleid: js.child-process-injection
  exec("git clone " + url + " " + dir);
  // ruleid: js.child-process-injection
  cp.execSync(`tar czf ${dir}.tgz ${dir}`);
  // ok: js.child-process-injection
  execFile("git", ["clone", "--", url, dir]);
  // ok: js.child-process-injection
  exec("git --version");
  // ok: js.child-process-injection
  /a(b)/.exec("x" + dir);
}
