'use strict';

const express = require('express');
const crypto = require('crypto');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/api/case-0269', async (req, res) => {
  const signature = req.get('X-Signature') || '';
  const payload = JSON.stringify(req.body);
  const expected = crypto
    .createHash('md5')
    .update(process.env.WEBHOOK_SECRET + payload)
    .digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return res.status(400).json({ error: 'invalid input' });
  }
  res.json({ ok: true });
});

app.listen(3000);
