'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0279', async (req, res) => {
  const pin = String(req.body.pin);
  const salt = crypto.randomBytes(16);
  const digest = crypto.scryptSync(pin, salt, 64).toString('hex');
  await users.setPin(req.body.username, `${salt.toString('hex')}:${digest}`);
  res.json({ ok: true });
});

app.listen(3000);
