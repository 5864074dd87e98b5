'use strict';

const express = require('express');

const { users, sessions } = require('./store');

const app = express();

app.get('/api/case-0307', async (req, res) => {
  const secret = Math.random().toString(36).slice(2);
  await sessions.createShareLink(req.query.document, secret);
  res.json({ url: `/shared/${secret}` });
});

app.listen(3000);
