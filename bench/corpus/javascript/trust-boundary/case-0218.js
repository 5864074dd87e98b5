'use strict';

const express = require('express');
const session = require('express-session');

const app = express();
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

app.get('/api/case-0218', async (req, res) => {
  const param = req.query.user;
  const bar = param;
  if (!/^[a-zA-Z0-9_]{3,32}$/.test(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.username = bar;
  res.json({ saved: true });
});

app.listen(3000);
