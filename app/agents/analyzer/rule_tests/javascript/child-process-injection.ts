import * as child from "node:child_process";
import { execSync } from "child_process";
import type { Request, Response } from "express";

export function build(req: Request, res: Response): void {
  const target: string = String(req.query.target);
  // ruleid: js.child-process-injection
  child.exec("make " + target);
  // ruleid: js.child-process-injection
  execSync(`make ${target}`);
  // ok: js.child-process-injection
  child.execFile("make", [target]);
  res.end();
}
