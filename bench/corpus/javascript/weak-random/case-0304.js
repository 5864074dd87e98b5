'use strict';

const express = require('express');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0304', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const token = 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
  await sessions.save(token, user.id);
  res.json({ ok: true });
});

app.listen(3000);
