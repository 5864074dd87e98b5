'use strict';

const express = require('express');
const pug = require('pug');

const app = express();

app.get('/api/case-0092', async (req, res) => {
  const param = req.get('X-Template');
  let bar = param;
  bar = 'p Hello #{user}';
  const html = pug.render(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
