'use strict';

const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('orders.db');

const app = express();

app.get('/api/case-0037', async (req, res) => {
  const param = req.get('X-Customer');
  const bar = '42';
  db.all('SELECT id, total FROM orders WHERE customer_id = ' + bar, (error, rows) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json(rows);
  });
});

app.listen(3000);
