'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();

const app = express();

app.get('/api/case-0044', async (req, res) => {
  const param = req.get('X-Name');
  let bar = 'alice';
  bar = param;
  const result = await pool.query(
    `SELECT id, email FROM users WHERE username = '${bar}'`,
  );
  res.json(result.rows);
});

app.listen(3000);
