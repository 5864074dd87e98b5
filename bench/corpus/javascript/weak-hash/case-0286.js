'use strict';

const express = require('express');
const crypto = require('crypto');

const app = express();

app.get('/api/case-0286', async (req, res) => {
  const expires = Date.now() + 3600 * 1000;
  const file = 'reports/q3.pdf';
  const signature = crypto
    .createHash('md5')
    .update(file + expires + process.env.URL_SIGNING_KEY)
    .digest('hex');
  res.json({ url: `/download/${file}?expires=${expires}&sig=${signature}` });
});

app.listen(3000);
