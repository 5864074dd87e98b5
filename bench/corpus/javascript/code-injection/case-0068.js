'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0068', async (req, res) => {
  const param = req.get('X-Formula');
  let bar = param;
  bar = 'row.price * row.quantity';
  const formula = new Function('row', 'return ' + bar + ';');
  res.json({ result: formula({ price: 10, quantity: 3 }) });
});

app.listen(3000);
