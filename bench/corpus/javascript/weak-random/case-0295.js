'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0295', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const token = 'key_' + Math.random().toString(16).slice(2) + Date.now().toString(16);
  await users.addApiKey(user.id, token);
  res.json({ ok: true });
});

app.listen(3000);
