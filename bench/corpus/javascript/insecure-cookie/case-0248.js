'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0248', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const token = crypto.randomBytes(32).toString('hex');
  await sessions.save(token, user.id);
  res.cookie('session_id', token, { maxAge: 30 * 24 * 3600 * 1000, secure: false, httpOnly: true, sameSite: 'lax' });
  res.json({ ok: true });
});

app.listen(3000);
