'use strict';

const express = require('express');
const https = require('https');

const app = express();

app.get('/api/case-0142/:url', async (req, res) => {
  const param = req.params.url;
  const bar = String(param).trim();
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
