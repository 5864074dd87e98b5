'use strict';

const express = require('express');
const mysql = require('mysql');

const connection = mysql.createConnection({
  host: 'localhost',
  user: 'shop',
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

const app = express();

app.get('/api/case-0025', async (req, res) => {
  const param = req.query.name;
  const bar = param;
  connection.query(
    "SELECT id, name, price FROM products WHERE name = '" + bar + "'",
    (error, rows) => {
      if (error) {
        return res.status(500).json({ error: 'internal error' });
      }
      res.json(rows);
    },
  );
});

app.listen(3000);
