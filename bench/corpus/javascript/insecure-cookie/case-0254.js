'use strict';

const express = require('express');
const cookieSession = require('cookie-session');

const { users, sessions } = require('./store');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], secure: false, httpOnly: true }));

app.post('/api/case-0254', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.userId = user.id;
  res.json({ ok: true });
});

app.listen(3000);
