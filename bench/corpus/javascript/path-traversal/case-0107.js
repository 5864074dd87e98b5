'use strict';

const express = require('express');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();

app.get('/api/case-0107', async (req, res) => {
  const param = req.get('X-File');
  const lookup = new Map([['keyA', 'report.txt'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  res.sendFile(path.join(BASE_DIR, bar));
});

app.listen(3000);
