'use strict';

const express = require('express');

const app = express();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

app.get('/api/case-0173/:page', async (req, res) => {
  const param = req.params.page;
  const bar = normalize(param);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.write('<a href="/items?page=' + bar + '">Next page</a>');
  res.end();
});

app.listen(3000);
