'use strict';

const express = require('express');

const SERVICES = new Map([
  ['inventory', 'inventory.internal'],
  ['pricing', 'pricing.internal'],
]);

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0123', async (req, res) => {
  const param = req.body.host;
  const bar = String(param).trim();
  const host = SERVICES.get(bar);
  if (!host) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const response = await fetch(`http://${host}/api/stock`);
  res.json({ status: response.status });
});

app.listen(3000);
