'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0165', async (req, res) => {
  const param = req.headers['x-next'];
  const bar = String(param).trim();
  res.redirect(bar);
});

app.listen(3000);
