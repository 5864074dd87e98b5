'use strict';

const express = require('express');
const superagent = require('superagent');

const app = express();

app.get('/api/case-0128/:url', async (req, res) => {
  const param = req.params.url;
  const num = 106;
  const bar = 7 * 18 + num > 200 ? 'https://api.example.com/v1/ping' : param;
  const response = await superagent.get(bar);
  res.json({ status: response.status });
});

app.listen(3000);
