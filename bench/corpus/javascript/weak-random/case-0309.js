'use strict';

const express = require('express');

const { users, sessions } = require('./store');
const TIPS = ['Use keyboard shortcuts', 'Pin your projects', 'Try dark mode'];

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0309', async (req, res) => {
  const user = await users.authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(400).json({ error: 'invalid input' });
  }
  const tips = [...TIPS];
  for (let i = tips.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [tips[i], tips[j]] = [tips[j], tips[i]];
  }
  res.json({ tips });
});

app.listen(3000);
