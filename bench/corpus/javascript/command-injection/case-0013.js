'use strict';

const express = require('express');
const { spawnSync } = require('child_process');

const app = express();

app.get('/api/case-0013', async (req, res) => {
  const param = req.headers['x-host'];
  const bar = param;
  const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });
  res.json({ output: result.stdout });
});

app.listen(3000);
