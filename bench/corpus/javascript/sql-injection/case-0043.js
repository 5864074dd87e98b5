'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();

const app = express();

app.get('/api/case-0043', async (req, res) => {
  const param = req.get('X-Name');
  let bar = param;
  bar = 'alice';
  const result = await pool.query(
    `SELECT id, email FROM users WHERE username = '${bar}'`,
  );
  res.json(result.rows);
});

app.listen(3000);
