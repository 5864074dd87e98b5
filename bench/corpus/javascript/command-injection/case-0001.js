'use strict';

const express = require('express');
const { exec } = require('child_process');

const app = express();

app.get('/api/case-0001', async (req, res) => {
  const param = req.query.host;
  const bar = param;
  exec(`ping -c 1 ${bar}`, (error, stdout) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json({ output: stdout });
  });
});

app.listen(3000);
