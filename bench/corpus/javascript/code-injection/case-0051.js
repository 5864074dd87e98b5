'use strict';

const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0051', async (req, res) => {
  const param = req.body.formula;
  const bar = String(param).trim();
  const formula = new Function('row', 'return ' + bar + ';');
  res.json({ result: formula({ price: 10, quantity: 3 }) });
});

app.listen(3000);
