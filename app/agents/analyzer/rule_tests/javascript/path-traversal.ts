import { readFile } from "node:fs/promises";
import path from "node:path";
import type { NextApiRequest, NextApiResponse } from "next";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const doc = String(req.query.doc);
  // ruleid: js.path-traversal
  const text = await readFile(path.join(process.cwd(), "docs", doc), "utf8");
  // ok: js.path-traversal
  const safe = await readFile(path.join(process.cwd(), "docs", path.basename(doc)), "utf8");
  res.status(200).json({ text, safe });
}
