'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0274', async (req, res) => {
  const { username, password } = req.body;
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = crypto.createHash('sha1').update(password + salt).digest('hex');
  await users.create(username, `${salt}:${hash}`);
  res.json({ ok: true });
});

app.listen(3000);
