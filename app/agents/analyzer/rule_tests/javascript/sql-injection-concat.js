const express = require("express");
const mysql = require("mysql2/promise");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();
const db = mysql.createPool({});

app.get("/users", async (req, res) => {
  const { email } = req.query;
  // ruleid: js.sql-injection-concat
  await pool.query("SELECT * FROM users WHERE email = '" + email + "'");
  // ruleid: js.sql-injection-concat
  await db.execute(`DELETE FROM sessions WHERE user_id = ${req.params.id}`);
  const sql = "UPDATE users SET active = 0 WHERE name = '" + req.body.name + "'";
  // ruleid: js.sql-injection-concat
  await pool.query(sql);
  // ruleid: js.sql-injection-concat
  await sequelize.query("SELECT * FROM t WHERE a = '" + req.query.a + "'");
  // ruleid: js.sql-injection-concat
  await knex.raw(`SELECT * FROM t WHERE b = '${req.query.b}'`);
  // ok: js.sql-injection-concat
  await pool.query("SELECT * FROM users WHERE email = $1", [email]);
  // ok: js.sql-injection-concat
  await db.execute("DELETE FROM sessions WHERE user_id = ?", [req.params.id]);
  // ok: js.sql-injection-concat
  await sequelize.query("SELECT * FROM t WHERE a = :a", { replacements: { a: req.query.a } });
  // ok: js.sql-injection-concat
  await knex.raw("SELECT * FROM t WHERE b = ?", [req.query.b]);
  // ok: js.sql-injection-concat
  await cache.get("user:" + req.query.id);
  res.end();
});

app.get("/orders", async (req, res) => {
  // Sanitizer: a number, and the driver's own escaping.
  const id = Number(req.query.id);
  // ok: js.sql-injection-concat
  await pool.query("SELECT * FROM orders WHERE id = " + id);
  // ok: js.sql-injection-concat
  await db.query("SELECT * FROM orders WHERE ref = " + mysql.escape(req.query.ref));
  // Validated value: the sort column comes from an allow-list.
  const column = req.query.sort;
  if (!["created", "total"].includes(column)) {
    return res.sendStatus(400);
  }
  // ok: js.sql-injection-concat
  await pool.query("SELECT * FROM orders ORDER BY " + column);
  return res.end();
});

async function report(table) {
  // ok: js.sql-injection-concat
  return pool.query("SELECT count(*) FROM " + table);
}
