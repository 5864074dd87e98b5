'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0280', async (req, res) => {
  const pin = String(req.body.pin);
  const digest = crypto.createHash('md5').update(pin).digest('hex');
  await users.setPin(req.body.username, digest);
  res.json({ ok: true });
});

app.listen(3000);
