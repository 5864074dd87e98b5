import type { Request, Response } from "express";
import * as vm from "node:vm";

export function run(req: Request, res: Response): void {
  const code = String(req.query.code);
  // ruleid: js.eval
  const value = vm.runInThisContext(code);
  // ok: js.eval
  setInterval(function (): void {
    poll(code);
  }, 500);
  res.json({ value });
}

declare function poll(code: string): void;
