'use strict';

const express = require('express');
const superagent = require('superagent');

const app = express();

app.get('/api/case-0127/:url', async (req, res) => {
  const param = req.params.url;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  const response = await superagent.get(bar);
  res.json({ status: response.status });
});

app.listen(3000);
