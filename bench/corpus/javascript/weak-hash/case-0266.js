'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0266', async (req, res) => {
  const { username, password } = req.body;
  const hash = crypto.createHash('md5').update(password).digest('hex');
  await users.create(username, hash);
  res.json({ ok: true });
});

app.listen(3000);
