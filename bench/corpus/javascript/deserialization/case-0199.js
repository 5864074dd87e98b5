'use strict';

const express = require('express');
const Cryo = require('cryo');

const app = express();

app.get('/api/case-0199/:state', async (req, res) => {
  const param = req.params.state;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  const state = Cryo.parse(bar);
  res.json({ keys: Object.keys(state) });
});

app.listen(3000);
