'use strict';

const express = require('express');
const crypto = require('crypto');
const bcrypt = require('bcrypt');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0273', async (req, res) => {
  const { username, password } = req.body;
  const hash = await bcrypt.hash(password, 12);
  await users.create(username, hash);
  res.json({ ok: true });
});

app.listen(3000);
