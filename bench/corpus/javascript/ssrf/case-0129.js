'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const axios = require('axios');

const app = express();
app.use(cookieParser());

app.get('/api/case-0129', async (req, res) => {
  const param = req.cookies.url;
  const values = ['safe', param, 'https://status.example.com/health'];
  values.shift();
  const bar = values[1];
  const response = await axios.get(bar, { timeout: 5000 });
  res.json({ status: response.status });
});

app.listen(3000);
