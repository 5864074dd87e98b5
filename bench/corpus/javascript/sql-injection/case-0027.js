'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0027', async (req, res) => {
  const param = req.body.name;
  const bar = String(param).trim();
  const result = await pool.query(
    `SELECT id, email FROM users WHERE username = '${bar}'`,
  );
  res.json(result.rows);
});

app.listen(3000);
