'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0293', async (req, res) => {
  const user = await users.findByEmail(req.body.email);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  let token = '';
  for (let i = 0; i < 32; i += 1) {
    token += ALPHABET[crypto.randomInt(ALPHABET.length)];
  }
  await users.saveResetToken(user.id, token);
  res.json({ ok: true });
});

app.listen(3000);
