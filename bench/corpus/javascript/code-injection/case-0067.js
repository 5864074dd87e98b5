'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0067', async (req, res) => {
  const param = req.get('X-Formula');
  let bar = 'row.price * row.quantity';
  bar = param;
  const formula = new Function('row', 'return ' + bar + ';');
  res.json({ result: formula({ price: 10, quantity: 3 }) });
});

app.listen(3000);
