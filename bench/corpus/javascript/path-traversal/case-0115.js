'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = express();
app.use(cookieParser());

app.get('/api/case-0115', async (req, res) => {
  const param = req.cookies.file;
  let bar = param;
  bar = 'report.txt';
  res.sendFile(path.join(BASE_DIR, bar));
});

app.listen(3000);
