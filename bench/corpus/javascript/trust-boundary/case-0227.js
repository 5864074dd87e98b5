'use strict';

const express = require('express');
const session = require('express-session');

const LANGUAGES = new Set(['en', 'de', 'fr', 'es']);

const app = express();
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },
  }),
);

app.get('/api/case-0227', async (req, res) => {
  const param = req.get('X-Lang');
  const lookup = new Map([['keyA', 'en'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  if (!LANGUAGES.has(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.preferences = { language: bar };
  res.json({ saved: true });
});

app.listen(3000);
