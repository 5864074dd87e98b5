'use strict';

const express = require('express');
const pug = require('pug');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0075', async (req, res) => {
  const param = req.body.template;
  const bar = String(param).trim();
  const html = pug.render('p Hello #{user}', { user: bar });
  res.json({ html });
});

app.listen(3000);
