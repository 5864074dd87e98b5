'use strict';

const express = require('express');

const ALLOWED_PATHS = new Set(['/dashboard', '/account', '/orders']);

const app = express();

app.get('/api/case-0166', async (req, res) => {
  const param = req.headers['x-next'];
  const bar = String(param).trim();
  res.redirect(ALLOWED_PATHS.has(bar) ? bar : '/');
});

app.listen(3000);
