'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();

app.get('/api/case-0097', async (req, res) => {
  const param = req.query.file;
  const bar = param;
  fs.readFile(path.join(BASE_DIR, path.basename(bar)), 'utf8', (error, content) => {
    if (error) {
      return res.status(500).json({ error: 'internal error' });
    }
    res.json({ content });
  });
});

app.listen(3000);
