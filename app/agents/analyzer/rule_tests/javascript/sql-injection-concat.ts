import Database from "better-sqlite3";
import type { NextApiRequest, NextApiResponse } from "next";

const db = new Database("app.db");

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const name = req.query.name as string;
  // ruleid: js.sql-injection-concat
  const row = db.prepare(`SELECT * FROM users WHERE name = '${name}'`).get();
  // ok: js.sql-injection-concat
  const safe = db.prepare("SELECT * FROM users WHERE name = ?").get(name);
  const map = new Map<string, string>();
  // ok: js.sql-injection-concat
  map.get(name);
  res.json({ row, safe });
}
