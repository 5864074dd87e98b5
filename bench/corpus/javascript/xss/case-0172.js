'use strict';

const express = require('express');
const validator = require('validator');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0172', async (req, res) => {
  const param = req.body.q;
  const bar = String(param).trim();
  res.send(`<p>Search results for <b>${validator.escape(bar)}</b></p>`);
});

app.listen(3000);
