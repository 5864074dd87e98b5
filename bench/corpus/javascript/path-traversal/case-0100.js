'use strict';

const express = require('express');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0100', async (req, res) => {
  const param = req.body.file;
  const bar = String(param).trim();
  res.sendFile(bar, { root: BASE_DIR });
});

app.listen(3000);
