'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const session = require('express-session');

const app = express();
app.use(cookieParser());
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

app.get('/api/case-0223', async (req, res) => {
  const param = req.cookies.role;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  req.session.role = bar;
  res.json({ saved: true });
});

app.listen(3000);
