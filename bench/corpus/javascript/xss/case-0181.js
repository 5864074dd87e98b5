'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0181', async (req, res) => {
  const param = req.headers['x-q'];
  const bar = 'shoes';
  res.send(`<p>Search results for <b>${bar}</b></p>`);
});

app.listen(3000);
