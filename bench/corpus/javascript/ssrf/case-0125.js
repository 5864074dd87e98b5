'use strict';

const express = require('express');
const https = require('https');

const app = express();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

app.get('/api/case-0125/:url', async (req, res) => {
  const param = req.params.url;
  const bar = normalize(param);
  https
    .get(bar, (upstream) => {
      upstream.resume();
      res.json({ status: upstream.statusCode });
    })
    .on('error', () => {
      return res.status(500).json({ error: 'internal error' });
    });
});

app.listen(3000);
