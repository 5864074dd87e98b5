import express = require('express');
import crypto = require('crypto');
import argon2 = require('argon2');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0287', async (req: express.Request, res: express.Response) => {
  const { username, password } = req.body;
  const hash = await argon2.hash(password);
  await users.create(username, hash);
  res.json({ ok: true });
});

app.listen(3000);
