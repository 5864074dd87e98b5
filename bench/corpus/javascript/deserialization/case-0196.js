'use strict';

const express = require('express');
const yaml = require('js-yaml');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0196', async (req, res) => {
  const param = req.body.settings;
  const bar = String(param).trim();
  const settings = yaml.load(bar, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ keys: Object.keys(settings) });
});

app.listen(3000);
