'use strict';

const http = require('http');
const { Pool } = require('pg');

const pool = new Pool();

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('name');
  const lookup = new Map([['keyA', 'alice'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const result = await pool.query(
    `SELECT id, email FROM users WHERE username = '${bar}'`,
  );
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(result.rows));
});

server.listen(3000);
