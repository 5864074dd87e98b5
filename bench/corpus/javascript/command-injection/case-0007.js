'use strict';

const express = require('express');
const { exec } = require('child_process');
const { promisify } = require('util');

const execAsync = promisify(exec);

const app = express();

app.get('/api/case-0007/:count', async (req, res) => {
  const param = req.params.count;
  const num = 106;
  const bar = 7 * 18 + num > 200 ? '3' : param;
  const { stdout } = await execAsync(`ping -c ${bar} 127.0.0.1`);
  res.json({ output: stdout });
});

app.listen(3000);
