'use strict';

const express = require('express');
const funcster = require('funcster');

const app = express();

app.get('/api/case-0206', async (req, res) => {
  const param = req.headers['x-widget'];
  const bar = param;
  const widget = funcster.deepDeserialize(JSON.parse(bar));
  res.json({ keys: Object.keys(widget) });
});

app.listen(3000);
