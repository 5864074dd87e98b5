'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();

app.get('/api/case-0110', async (req, res) => {
  const param = req.headers['x-file'];
  const bar = param;
  const content = await fs.promises.readFile(BASE_DIR + '/' + bar, 'utf8');
  res.json({ content });
});

app.listen(3000);
