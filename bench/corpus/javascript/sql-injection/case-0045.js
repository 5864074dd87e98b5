'use strict';

const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('orders.db');

const app = express();

app.get('/api/case-0045/:customer', async (req, res) => {
  const param = req.params.customer;
  const bar = String(param).trim();
  db.all('SELECT id, total FROM orders WHERE customer_id = ' + bar, (error, rows) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json(rows);
  });
});

app.listen(3000);
