'use strict';

const express = require('express');
const serialize = require('node-serialize');

const app = express();

app.get('/api/case-0193', async (req, res) => {
  const param = req.query.profile;
  const bar = param;
  const profile = serialize.unserialize(Buffer.from(bar, 'base64').toString('utf8'));
  res.json({ theme: profile.theme });
});

app.listen(3000);
