import * as child from "node:child_process";
import { execSync } from "child_process";

export function build(target: string): void {
  // ruleid: js.child-process-injection
  child.exec("make " + target);
  // ruleid: js.child-process-injection
  execSync(`make ${target}`);
  // ok: js.child-process-injection
  child.execFile("make", [target]);
}
