'use strict';

const express = require('express');
const yaml = require('js-yaml');

const app = express();

app.get('/api/case-0212', async (req, res) => {
  const param = req.get('X-Settings');
  let bar = 'theme: dark';
  bar = param;
  const settings = yaml.load(bar, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ keys: Object.keys(settings) });
});

app.listen(3000);
