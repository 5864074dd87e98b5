'use strict';

const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

app.get('/api/case-0169', async (req, res) => {
  const param = req.query.name;
  const bar = param;
  res.send('<h1>Hello ' + escapeHtml(bar) + '</h1>');
});

app.listen(3000);
