'use strict';

const express = require('express');
const session = require('express-session');

const SELF_SERVICE_ROLES = new Set(['viewer', 'commenter']);

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

app.post('/api/case-0231', async (req, res) => {
  const param = req.body.role;
  const bar = normalize(param);
  if (!SELF_SERVICE_ROLES.has(bar)) {
    return res.status(400).json({ error: 'invalid input' });
  }
  req.session.role = bar;
  res.json({ saved: true });
});

app.listen(3000);
