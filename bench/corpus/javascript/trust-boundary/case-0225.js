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

app.get('/api/case-0225', async (req, res) => {
  const param = req.headers['x-user'];
  const values = ['safe', param, 'guest'];
  values.shift();
  const bar = values[1];
  req.session.username = bar;
  res.json({ saved: true });
});

app.listen(3000);
