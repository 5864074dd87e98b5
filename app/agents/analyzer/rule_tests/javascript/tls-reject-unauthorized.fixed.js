const https = require("https");

// ruleid: js.tls-reject-unauthorized
const insecure = new https.Agent({ rejectUnauthorized: true });

// ok: js.tls-reject-unauthorized
const secure = new https.Agent({ rejectUnauthorized: true });

// ruleid: js.tls-reject-unauthorized
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

module.exports = { insecure, secure };
