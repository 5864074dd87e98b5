'use strict';

const express = require('express');
const session = require('express-session');

const LANGUAGES = new Set(['en', 'de', 'fr', 'es']);

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

app.post('/api/case-0219', async (req, res) => {
  const param = req.body.lang;
  const bar = String(param).trim();
  if (!LANGUAGES.has(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.preferences = { language: bar };
  res.json({ saved: true });
});

app.listen(3000);
