'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();

app.get('/api/case-0104/:file', async (req, res) => {
  const param = req.params.file;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  await fs.promises.unlink(path.join(BASE_DIR, bar));
  res.json({ deleted: true });
});

app.listen(3000);
