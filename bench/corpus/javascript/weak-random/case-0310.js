'use strict';

const express = require('express');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0310', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const codes = Array.from({ length: 8 }, () =>
    Math.floor(Math.random() * 1e10).toString(36),
  );
  await users.saveBackupCodes(user.id, codes);
  res.json({ codes });
});

app.listen(3000);
