async function findUser(pool, db, email, id) {
  // ruleid: js.sql-injection-concat
  await pool.query("SELECT * FROM users WHERE email = '" + email + "'");
  // ruleid: js.sql-injection-concat
  await db.execute(`DELETE FROM sessions WHERE user_id = ${id}`);
  const sql = "UPDATE users SET active = 0 WHERE id = " + id;
  // ruleid: js.sql-injection-concat
  await pool.query(sql);
  // ok: js.sql-injection-concat
  await pool.query("SELECT * FROM users WHERE email = $1", [email]);
  // ok: js.sql-injection-concat
  await db.execute("DELETE FROM sessions WHERE user_id = ?", [id]);
  // ok: js.sql-injection-concat
  await cache.get("user:" + id);
}
