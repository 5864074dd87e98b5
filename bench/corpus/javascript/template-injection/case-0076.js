'use strict';

const express = require('express');
const pug = require('pug');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0076', async (req, res) => {
  const param = req.body.template;
  const bar = String(param).trim();
  const html = pug.render(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
