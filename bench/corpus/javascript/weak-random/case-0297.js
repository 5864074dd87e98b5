'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0297', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const token = Date.now().toString(36) + Math.random().toString(36).slice(2);
  await sessions.saveCsrfToken(user.id, token);
  res.json({ ok: true });
});

app.listen(3000);
