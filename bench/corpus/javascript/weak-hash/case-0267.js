'use strict';

const express = require('express');
const bcrypt = require('bcrypt');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0267', async (req, res) => {
  const user = await users.findByName(req.body.username);
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {
    return res.status(400).json({ error: 'invalid input' });
  }
  res.json({ ok: true });
});

app.listen(3000);
