'use strict';

const express = require('express');

const app = express();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

app.get('/api/case-0174/:page', async (req, res) => {
  const param = req.params.page;
  const bar = normalize(param);
  const page = Number.parseInt(bar, 10) || 1;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.write('<a href="/items?page=' + page + '">Next page</a>');
  res.end();
});

app.listen(3000);
