'use strict';

const express = require('express');
const session = require('express-session');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { httpOnly: false, secure: true, sameSite: 'strict' } }));

app.post('/api/case-0252', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

app.listen(3000);
