'use strict';

const express = require('express');
const axios = require('axios');

const app = express();

app.get('/api/case-0122', async (req, res) => {
  const param = req.query.url;
  const bar = param;
  const response = await axios.get(bar, { timeout: 5000 });
  res.json({ status: response.status });
});

app.listen(3000);
