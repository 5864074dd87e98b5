'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0292', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const code = Math.floor(100000 + Math.random() * 900000);
  await users.sendOneTimeCode(user.id, code);
  res.json({ ok: true });
});

app.listen(3000);
