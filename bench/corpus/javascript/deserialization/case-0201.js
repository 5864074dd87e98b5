'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

app.get('/api/case-0201', async (req, res) => {
  const param = req.cookies.profile;
  const values = ['safe', param, 'eyJ0aGVtZSI6ImRhcmsifQ=='];
  values.shift();
  const bar = values[0];
  const profile = serialize.unserialize(Buffer.from(bar, 'base64').toString('utf8'));
  res.json({ theme: profile.theme });
});

app.listen(3000);
