'use strict';

const express = require('express');

const FORMULAS = new Map([
  ['total', (row) => row.price * row.quantity],
  ['price', (row) => row.price],
]);

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0052', async (req, res) => {
  const param = req.body.formula;
  const bar = String(param).trim();
  const formula = FORMULAS.get(bar);
  if (!formula) {
    return res.status(400).json({ error: 'invalid input' });
  }
  res.json({ result: formula({ price: 10, quantity: 3 }) });
});

app.listen(3000);
