'use strict';

const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

app.post('/api/case-0232', async (req, res) => {
  const param = req.body.role;
  const bar = normalize(param);
  req.session.role = bar;
  res.json({ saved: true });
});

app.listen(3000);
