'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0140', async (req, res) => {
  const param = req.get('X-Host');
  let bar = param;
  bar = 'inventory.internal';
  const response = await fetch(`http://${bar}/api/stock`);
  res.json({ status: response.status });
});

app.listen(3000);
