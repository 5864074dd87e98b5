'use strict';

const express = require('express');
const { execSync } = require('child_process');
const { execFileSync } = require('child_process');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0004', async (req, res) => {
  const param = req.body.host;
  const bar = String(param).trim();
  const output = execFileSync('nslookup', [bar], { encoding: 'utf8' });
  res.json({ output });
});

app.listen(3000);
