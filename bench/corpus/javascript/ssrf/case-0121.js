'use strict';

const express = require('express');
const axios = require('axios');

const ALLOWED_HOSTS = new Set(['status.example.com', 'api.example.com']);

const app = express();

app.get('/api/case-0121', async (req, res) => {
  const param = req.query.url;
  const bar = param;
  const target = new URL(bar);
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const response = await axios.get(target.href, { timeout: 5000 });
  res.json({ status: response.status });
});

app.listen(3000);
