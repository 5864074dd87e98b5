'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0271', async (req, res) => {
  const { username, password } = req.body;
  const salt = crypto.randomBytes(16);
  const hash = crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256').toString('hex');
  await users.create(username, `${salt.toString('hex')}:${hash}`);
  res.json({ ok: true });
});

app.listen(3000);
