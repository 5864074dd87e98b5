'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0268', async (req, res) => {
  const user = await users.findByName(req.body.username);
  const digest = crypto.createHash('sha1').update(req.body.password).digest('hex');
  if (!user || digest !== user.passwordHash) {
    return res.status(400).json({ error: 'invalid input' });
  }
  res.json({ ok: true });
});

app.listen(3000);
