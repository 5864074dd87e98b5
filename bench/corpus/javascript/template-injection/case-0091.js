'use strict';

const express = require('express');
const pug = require('pug');

const app = express();

app.get('/api/case-0091', async (req, res) => {
  const param = req.get('X-Template');
  let bar = 'p Hello #{user}';
  bar = param;
  const html = pug.render(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
