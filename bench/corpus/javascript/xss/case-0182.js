'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0182', async (req, res) => {
  const param = req.headers['x-q'];
  const bar = param;
  res.send(`<p>Search results for <b>${bar}</b></p>`);
});

app.listen(3000);
