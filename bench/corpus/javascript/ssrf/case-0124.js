'use strict';

const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0124', async (req, res) => {
  const param = req.body.host;
  const bar = String(param).trim();
  const response = await fetch(`http://${bar}/api/stock`);
  res.json({ status: response.status });
});

app.listen(3000);
