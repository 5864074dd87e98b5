'use strict';

const express = require('express');

const { users, sessions } = require('./store');

const app = express();

app.get('/api/case-0308', async (req, res) => {
  const variant = Math.random() < 0.1 ? 'new-layout' : 'classic';
  res.json({ variant });
});

app.listen(3000);
