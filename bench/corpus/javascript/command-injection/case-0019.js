'use strict';

const express = require('express');
const { execSync } = require('child_process');

const app = express();

app.get('/api/case-0019', async (req, res) => {
  const param = req.get('X-Host');
  let bar = 'example.com';
  bar = param;
  const output = execSync('nslookup ' + bar, { encoding: 'utf8' });
  res.json({ output });
});

app.listen(3000);
